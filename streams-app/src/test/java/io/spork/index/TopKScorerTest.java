package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The pruned scorer against the exhaustive one on indexes large enough for pruning to start
 * (tens of windows): the results must be the same, bit for bit (ids, scores, order), whichever
 * path scored them, with arbitrary float weights, with ties, after deletions and after compaction.
 */
class TopKScorerTest {
    private static final int VOCABULARY = 3000;

    /** Frequent terms (small ids) weigh little, rare ones (large ids) a lot, as in real SPLADE. */
    private static SparseVector skewedVector(Random random, int terms, boolean eighths) {
        TreeMap<Integer, Float> weights = new TreeMap<>();
        while (weights.size() < terms) {
            // About Zipf: small ids far more often.
            int term = (int) Math.min(VOCABULARY - 1, Math.floor(Math.pow(VOCABULARY, random.nextDouble())) - 1);
            double scale = 0.1 + 2.5 * term / VOCABULARY;
            float w = (float) (scale * (0.2 + random.nextDouble()));
            if (eighths) {
                w = Math.max(1, Math.round(w * 8)) / 8f;
            }
            weights.put(term, w);
        }
        int[] ids = new int[weights.size()];
        float[] ws = new float[weights.size()];
        int i = 0;
        for (var e : weights.entrySet()) {
            ids[i] = e.getKey();
            ws[i++] = e.getValue();
        }
        return new SparseVector(ids, ws);
    }

    private static String randomId(Random random) {
        // Ids in another order than the ordinals, so ties across windows are broken by id, not by arrival.
        return String.format("doc-%08x", random.nextInt());
    }

    private static List<String> fill(PartitionIndex index, Random random, int docs, boolean eighths) {
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            String id = randomId(random);
            index.upsert(id, skewedVector(random, 10 + random.nextInt(30), eighths));
            ids.add(id);
        }
        return ids;
    }

    /** Compares every query; returns the summed statistics of the pruned searches. */
    private static TopKScorer.Stats compare(PartitionIndex index, Random random, int queries, boolean eighths) {
        TopKScorer.Stats total = new TopKScorer.Stats();
        int[] ks = {1, 3, 10, 50};
        for (int q = 0; q < queries; q++) {
            SparseVector query = skewedVector(random, 2 + random.nextInt(30), eighths);
            int k = ks[q % ks.length];
            TopKScorer.Stats stats = new TopKScorer.Stats();
            List<ScoredDocument> pruned = index.search(query, k, stats);
            assertEquals(index.searchExhaustive(query, k), pruned, "query " + q + " k=" + k + " (" + stats + ")");
            total.windows += stats.windows;
            total.skippedWindows += stats.skippedWindows;
            total.prunedWindows += stats.prunedWindows;
            total.fullWindows += stats.fullWindows;
            total.candidates += stats.candidates;
            total.exhaustivePostings += stats.exhaustivePostings;
            total.gaveUp |= stats.gaveUp;
        }
        return total;
    }

    @Test
    void prunedEqualsExhaustiveWithFloatWeights() {
        Random random = new Random(7);
        PartitionIndex index = new PartitionIndex(0);
        fill(index, random, 60_000, false);
        TopKScorer.Stats stats = compare(index, random, 300, false);
        assertTrue(stats.skippedWindows > 0, "some windows were skipped by their bounds: " + stats);
        assertTrue(stats.prunedWindows > 0, "some windows were scored from their essential terms only: " + stats);
        assertTrue(stats.candidates > 0, "some candidates were scored by look-ups: " + stats);
    }

    @Test
    void prunedEqualsExhaustiveWithTiesAcrossWindows() {
        Random random = new Random(11);
        PartitionIndex index = new PartitionIndex(0);
        fill(index, random, 50_000, true);
        TopKScorer.Stats stats = compare(index, random, 300, true);
        assertTrue(stats.skippedWindows + stats.prunedWindows > 0, "pruning happened: " + stats);
    }

    @Test
    void prunedEqualsExhaustiveAfterDeletesUpdatesAndCompaction() {
        Random random = new Random(3);
        PartitionIndex index = new PartitionIndex(0, 200_000);
        List<String> ids = fill(index, random, 50_000, false);
        for (int i = 0; i < 8_000; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            if (random.nextBoolean()) {
                index.delete(id);
            } else {
                index.upsert(id, skewedVector(random, 10 + random.nextInt(30), false));
            }
        }
        compare(index, random, 150, false);
        // Delete most of the rest: dead postings outnumber the live ones and the index compacts.
        for (String id : ids) {
            if (random.nextInt(10) < 8) {
                index.delete(id);
            }
        }
        compare(index, random, 150, false);
    }

    @Test
    void flatScoresFallBackToTheExhaustivePath() {
        // Uniform terms and weights: no bound separates documents, so pruning gives up early.
        Random random = new Random(5);
        PartitionIndex index = new PartitionIndex(0);
        for (int d = 0; d < 60_000; d++) {
            TreeMap<Integer, Float> v = new TreeMap<>();
            while (v.size() < 30) {
                v.put(random.nextInt(200), 0.5f + random.nextFloat());
            }
            index.upsert("d" + d, new SparseVector(v.keySet().stream().mapToInt(Integer::intValue).toArray(), toArray(v.values())));
        }
        boolean gaveUp = false;
        for (int q = 0; q < 20; q++) {
            TreeMap<Integer, Float> v = new TreeMap<>();
            while (v.size() < 20) {
                v.put(random.nextInt(200), 0.5f + random.nextFloat());
            }
            SparseVector query = new SparseVector(v.keySet().stream().mapToInt(Integer::intValue).toArray(), toArray(v.values()));
            TopKScorer.Stats stats = new TopKScorer.Stats();
            assertEquals(index.searchExhaustive(query, 10), index.search(query, 10, stats));
            gaveUp |= stats.gaveUp;
        }
        assertTrue(gaveUp, "pruning gave up on flat scores");
    }

    @Test
    void rebuildWithPostingsOutOfOrdinalOrderKeepsListsSorted() {
        // A rebuild registers the stored ids first; a posting whose id was not among them gets a
        // later ordinal, so a list can receive ordinals out of order: it must stay sorted.
        Random random = new Random(9);
        PartitionIndex reference = new PartitionIndex(0);
        PartitionIndex rebuilt = new PartitionIndex(0);
        List<String> ids = new ArrayList<>();
        List<SparseVector> vectors = new ArrayList<>();
        for (int d = 0; d < 40_000; d++) {
            ids.add(randomId(random));
            vectors.add(skewedVector(random, 10 + random.nextInt(20), false));
        }
        for (int d = 0; d < ids.size(); d++) {
            reference.upsert(ids.get(d), vectors.get(d));
            if (d % 2 == 0) {
                rebuilt.loadDocument(ids.get(d));
            }
        }
        for (int d = 0; d < ids.size(); d++) {
            SparseVector v = vectors.get(d);
            for (int i = 0; i < v.size(); i++) {
                rebuilt.loadPosting(ids.get(d), v.idAt(i), v.weightAt(i));
            }
        }
        assertEquals(reference.postingCount(), rebuilt.postingCount());
        for (int q = 0; q < 100; q++) {
            SparseVector query = skewedVector(random, 2 + random.nextInt(20), false);
            List<ScoredDocument> expected = reference.searchExhaustive(query, 10);
            assertEquals(expected, rebuilt.searchExhaustive(query, 10), "query " + q);
            assertEquals(expected, rebuilt.search(query, 10), "query " + q);
        }
    }

    @Test
    void advanceFindsTheFirstOrdinalAtOrAfterTheTarget() {
        int[] ords = {1, 3, 5, 7, 9, 11, 13, 15, 17, 19};
        for (int from = 0; from <= ords.length; from++) {
            for (int target = 0; target <= 21; target++) {
                int expected = from;
                while (expected < ords.length && ords[expected] < target) {
                    expected++;
                }
                assertEquals(expected, TopKScorer.advance(ords, from, ords.length, target), "from " + from + " target " + target);
            }
        }
    }

    private static float[] toArray(java.util.Collection<Float> values) {
        float[] out = new float[values.size()];
        int i = 0;
        for (float f : values) {
            out[i++] = f;
        }
        return out;
    }
}
