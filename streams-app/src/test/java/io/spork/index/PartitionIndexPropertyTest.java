package io.spork.index;

import io.spork.topology.LocalIndexes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Random upserts, updates, deletes, seals, ticks and merges over several partitions: every search
 * equals the exhaustive float oracle over the live documents (same ids, same scores, ties by id
 * ascending). Windows of 8 ordinals and segments of up to a few hundred documents, so searches
 * run through the pruned paths (skipped windows, MaxScore's non-essential terms and their
 * refinement, candidates, rescoring) of many windows. Weights are multiples of 1/8, so float
 * sums are exact and ties really happen.
 */
class PartitionIndexPropertyTest {
    private static final int PARTITIONS = 3;
    private static final int VOCABULARY = 40;
    private static final int IDS = 400;
    private static final AtomicLong PENDING = new AtomicLong();
    private static final AtomicLong REFINED_BLOCKS = new AtomicLong();

    @Property(tries = 40)
    void searchEqualsTheOracle(@ForAll long seed, @ForAll @IntRange(min = 600, max = 2000) int operations,
                               @ForAll @IntRange(min = 1, max = 25) int k, @ForAll @IntRange(min = 8, max = 200) int sealDocuments,
                               @ForAll @IntRange(min = 2, max = 4) int mergeFactor) {
        Random random = new Random(seed);
        LocalIndexes indexes = new LocalIndexes();
        IndexSettings settings = new IndexSettings(sealDocuments, 50, mergeFactor, 0.3, 100_000, 3);
        List<PartitionIndex> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            PartitionIndex index = new PartitionIndex(p, settings, null, SegmentSink.NONE, Runnable::run);
            partitions.add(index);
            indexes.register(index);
        }
        Map<String, SparseVector> live = new TreeMap<>();
        long windows = 0;
        long pending = 0;
        long refined = 0;
        for (int op = 0; op < operations; op++) {
            String id = "doc-" + random.nextInt(IDS);
            PartitionIndex owner = partitions.get(Math.floorMod(id.hashCode(), PARTITIONS));
            int action = random.nextInt(20);
            if (action < 4) {
                assertEquals(live.remove(id) != null, owner.delete(id));
            } else if (action == 4) {
                owner.seal();
            } else if (action == 5) {
                owner.tick(op * 10L);
            } else {
                SparseVector v = randomVector(random, 1 + random.nextInt(8));
                owner.upsert(id, v);
                live.put(id, v);
            }
            if (op % 25 == 0 || op == operations - 1) {
                SparseVector query = randomVector(random, 1 + random.nextInt(6));
                assertEquals(ExhaustiveOracle.topK(live, query, k), indexes.search(query, k).hits(), "after operation " + op);
                assertEquals(ExhaustiveOracle.topK(live, query, k), searchWithOneFloor(partitions, query, k, random),
                        "partitions sharing one floor, after operation " + op);
                for (PartitionIndex index : partitions) {
                    SearchStats stats = new SearchStats();
                    index.search(query, k, stats);
                    windows += stats.windows;
                    pending += stats.pending();
                    refined += stats.refinedBlocks();
                }
                assertEquals(live.size(), indexes.documentCount());
                assertEquals(live.values().stream().mapToLong(SparseVector::size).sum(), indexes.postingCount());
            }
        }
        assertTrue(windows >= 8, "searches read at least 8 windows of ordinals: " + windows);
        PENDING.addAndGet(pending);
        REFINED_BLOCKS.addAndGet(refined);
    }

    /** Over all tries, searches reached MaxScore's non-essential path: pending documents refined from the light terms' blocks. */
    @AfterContainer
    static void searchesRefinedPendingDocuments() {
        assertTrue(PENDING.get() > 0 && REFINED_BLOCKS.get() > 0,
                "pending documents " + PENDING.get() + ", non-essential blocks looked up " + REFINED_BLOCKS.get());
    }

    /**
     * One writer thread upserts, updates and deletes (seals and background merges as they come)
     * while two threads search: every answer is well formed (best first, no id twice) and every
     * hit's score is the exact score of a version of that document; once the writer stops, every
     * search equals the oracle.
     */
    @Property(tries = 5)
    void searchesStayExactWhileOneWriterWrites(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        PartitionIndex index = new PartitionIndex(0, new IndexSettings(64, 5, 3, 0.3, 100_000, 3));
        Map<String, List<SparseVector>> versions = new ConcurrentHashMap<>();
        Map<String, SparseVector> live = new HashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            long readerSeed = random.nextLong();
            Thread reader = new Thread(() -> {
                Random rr = new Random(readerSeed);
                try {
                    while (!done.get()) {
                        SparseVector query = randomVector(rr, 1 + rr.nextInt(6));
                        List<ScoredDocument> hits = index.search(query, 10);
                        Set<String> seen = new HashSet<>();
                        for (int i = 0; i < hits.size(); i++) {
                            ScoredDocument hit = hits.get(i);
                            assertTrue(seen.add(hit.id()), "id twice: " + hits);
                            assertTrue(i == 0 || ScoredDocument.BEST_FIRST.compare(hits.get(i - 1), hit) < 0, "order: " + hits);
                            boolean known = false;
                            for (SparseVector v : versions.getOrDefault(hit.id(), List.of())) {
                                known |= ExhaustiveOracle.score(v, query) == hit.score();
                            }
                            assertTrue(known, "score of a version of " + hit.id() + ": " + hit);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (int op = 0; op < 4000; op++) {
            String id = "doc-" + random.nextInt(IDS);
            if (random.nextInt(5) == 0) {
                live.remove(id);
                index.delete(id);
            } else {
                SparseVector v = randomVector(random, 1 + random.nextInt(8));
                versions.computeIfAbsent(id, x -> new CopyOnWriteArrayList<>()).add(v);
                live.put(id, v);
                index.upsert(id, v);
            }
            if (op % 500 == 0) {
                index.tick(System.currentTimeMillis());
            }
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("a concurrent search failed", failure.get());
        }
        index.awaitMerges();
        for (int q = 0; q < 50; q++) {
            SparseVector query = randomVector(random, 1 + random.nextInt(6));
            assertEquals(ExhaustiveOracle.topK(live, query, 10), index.search(query, 10));
        }
        assertEquals(live.size(), index.documentCount());
    }

    /** The partitions answer one search in a random order with one shared floor, as an IQv2 request does; merged. */
    private static List<ScoredDocument> searchWithOneFloor(List<PartitionIndex> partitions, SparseVector query, int k, Random random) {
        List<PartitionIndex> order = new ArrayList<>(partitions);
        java.util.Collections.shuffle(order, random);
        ScoreFloor floor = new ScoreFloor(k);
        List<ScoredDocument> merged = new ArrayList<>();
        for (PartitionIndex index : order) {
            merged.addAll(index.search(query, k, floor));
        }
        merged.sort(ScoredDocument.BEST_FIRST);
        return merged.size() > k ? merged.subList(0, k) : merged;
    }

    private static SparseVector randomVector(Random random, int terms) {
        Map<Integer, Float> weights = new HashMap<>();
        for (int i = 0; i < terms; i++) {
            weights.put(random.nextInt(VOCABULARY), (1 + random.nextInt(16)) / 8f);
        }
        return SparseVector.fromSorted(new TreeMap<>(weights));
    }
}
