package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random upserts, deletes and re-upserts over several partitions: every search equals a
 * brute-force oracle over the live documents (same ids, same scores, ties by id ascending).
 * Weights are multiples of 1/8, so float sums are exact and ties really happen.
 */
class PartitionIndexPropertyTest {
    private static final int PARTITIONS = 3;
    private static final int VOCABULARY = 40;
    private static final int IDS = 60;

    @Property(tries = 60)
    void searchEqualsBruteForce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 400) int operations,
                                @ForAll @IntRange(min = 1, max = 25) int k) {
        Random random = new Random(seed);
        LocalIndexes indexes = new LocalIndexes();
        List<PartitionIndex> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            // A tiny compaction threshold, so compaction happens under test too.
            PartitionIndex index = new PartitionIndex(p, 5);
            partitions.add(index);
            indexes.register(index);
        }
        Map<String, SparseVector> live = new TreeMap<>();
        for (int op = 0; op < operations; op++) {
            String id = "doc-" + random.nextInt(IDS);
            PartitionIndex owner = partitions.get(Math.floorMod(id.hashCode(), PARTITIONS));
            if (random.nextInt(4) == 0) {
                assertEquals(live.remove(id) != null, owner.delete(id));
            } else {
                SparseVector v = randomVector(random, 1 + random.nextInt(8));
                owner.upsert(id, v);
                live.put(id, v);
            }
            if (op % 25 == 0 || op == operations - 1) {
                SparseVector query = randomVector(random, 1 + random.nextInt(6));
                assertEquals(oracle(live, query, k), indexes.search(query, k).hits(), "after operation " + op);
                assertEquals(live.size(), indexes.documentCount());
                assertEquals(live.values().stream().mapToLong(SparseVector::size).sum(), indexes.postingCount());
            }
        }
    }

    private static List<ScoredDocument> oracle(Map<String, SparseVector> live, SparseVector query, int k) {
        List<ScoredDocument> all = new ArrayList<>();
        live.forEach((id, v) -> {
            double score = v.dot(query);
            if (score > 0) {
                all.add(new ScoredDocument(id, (float) score));
            }
        });
        all.sort(Comparator.comparing(ScoredDocument::score, Comparator.reverseOrder()).thenComparing(ScoredDocument::id));
        return all.size() > k ? all.subList(0, k) : all;
    }

    private static SparseVector randomVector(Random random, int terms) {
        Map<Integer, Float> weights = new HashMap<>();
        for (int i = 0; i < terms; i++) {
            weights.put(random.nextInt(VOCABULARY), (1 + random.nextInt(16)) / 8f);
        }
        return SparseVector.fromSorted(new TreeMap<>(weights));
    }
}
