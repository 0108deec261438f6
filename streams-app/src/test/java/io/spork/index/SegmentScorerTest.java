package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The segmented index against the exhaustive float oracle on indexes large enough for pruning
 * (tens of windows in several sealed segments): the results must be the same, bit for bit (ids,
 * scores, order), with arbitrary float weights, with ties, after deletes, updates and merges, and
 * after the segments are written to records and read back.
 */
class SegmentScorerTest {
    private static final int VOCABULARY = 3000;
    private static final IndexSettings SETTINGS = new IndexSettings(8_000, 60_000, 4, 0.3, 100_000, 9);

    /** Frequent terms (small ids) weigh little, rare ones (large ids) a lot, as in real SPLADE. */
    static SparseVector skewedVector(Random random, int terms, boolean eighths) {
        TreeMap<Integer, Float> weights = new TreeMap<>();
        while (weights.size() < terms) {
            int term = (int) Math.min(VOCABULARY - 1, Math.floor(Math.pow(VOCABULARY, random.nextDouble())) - 1);
            double scale = 0.1 + 2.5 * term / VOCABULARY;
            float w = (float) (scale * (0.2 + random.nextDouble()));
            if (eighths) {
                w = Math.max(1, Math.round(w * 8)) / 8f;
            }
            weights.put(term, w);
        }
        return SparseVector.fromSorted(weights);
    }

    private static String randomId(Random random) {
        // Ids in another order than the ordinals, so ties across windows are broken by id, not by arrival.
        return String.format("doc-%08x", random.nextInt());
    }

    private static List<String> fill(PartitionIndex index, Map<String, SparseVector> live, Random random, int docs, boolean eighths) {
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < docs; d++) {
            String id = randomId(random);
            SparseVector v = skewedVector(random, 10 + random.nextInt(30), eighths);
            index.upsert(id, v);
            live.put(id, v);
            ids.add(id);
        }
        return ids;
    }

    /** Compares every query; returns the summed statistics of the searches. */
    private static SearchStats compare(PartitionIndex index, Map<String, SparseVector> live, Random random, int queries, boolean eighths) {
        SearchStats total = new SearchStats();
        int[] ks = {1, 3, 10, 50};
        for (int q = 0; q < queries; q++) {
            SparseVector query = skewedVector(random, 2 + random.nextInt(30), eighths);
            int k = ks[q % ks.length];
            SearchStats stats = new SearchStats();
            List<ScoredDocument> found = index.search(query, k, stats);
            assertEquals(ExhaustiveOracle.topK(live, query, k), found, "query " + q + " k=" + k + " (" + stats + ")");
            total.add(stats);
        }
        return total;
    }

    @Test
    void equalsTheOracleWithFloatWeightsAndPrunes() {
        Random random = new Random(7);
        Map<String, SparseVector> live = new HashMap<>();
        PartitionIndex index = new PartitionIndex(0, SETTINGS);
        fill(index, live, random, 24_000, false);
        index.seal();
        index.awaitMerges();
        assertTrue(index.segmentCount() >= 2, "several sealed segments: " + index.segmentCount());
        SearchStats stats = compare(index, live, random, 120, false);
        assertTrue(stats.skippedWindows > 0, "some windows were skipped by their block maxima: " + stats);
        assertTrue(stats.rescored < stats.windows * 64L, "rescoring is for the few candidates near the top: " + stats);
    }

    @Test
    void equalsTheOracleWithTiesAcrossWindowsAndSegments() {
        Random random = new Random(11);
        Map<String, SparseVector> live = new HashMap<>();
        PartitionIndex index = new PartitionIndex(0, SETTINGS);
        fill(index, live, random, 16_000, true);
        SearchStats stats = compare(index, live, random, 120, true);
        assertTrue(stats.skippedWindows + stats.skippedSegments > 0, "pruning happened: " + stats);
    }

    @Test
    void equalsTheOracleAfterDeletesUpdatesAndMerges() {
        Random random = new Random(3);
        Map<String, SparseVector> live = new HashMap<>();
        PartitionIndex index = new PartitionIndex(0, SETTINGS);
        List<String> ids = fill(index, live, random, 16_000, false);
        for (int i = 0; i < 5_000; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            if (random.nextBoolean()) {
                assertEquals(live.remove(id) != null, index.delete(id));
            } else {
                SparseVector v = skewedVector(random, 10 + random.nextInt(30), false);
                index.upsert(id, v);
                live.put(id, v);
            }
        }
        compare(index, live, random, 80, false);
        for (String id : ids) {
            if (random.nextInt(10) < 8) {
                live.remove(id);
                index.delete(id);
            }
        }
        index.awaitMerges();
        assertEquals(live.size(), index.documentCount());
        assertEquals(live.values().stream().mapToLong(SparseVector::size).sum(), index.postingCount());
        compare(index, live, random, 80, false);
        assertTrue(index.deadPostings() < index.postingCount(), "merges dropped most dead postings: " + index.deadPostings());
    }

    @Test
    void flatScoresStayExact() {
        // Uniform terms and weights: no bound separates documents; the result must still be exact.
        Random random = new Random(5);
        Map<String, SparseVector> live = new HashMap<>();
        PartitionIndex index = new PartitionIndex(0, SETTINGS);
        for (int d = 0; d < 20_000; d++) {
            TreeMap<Integer, Float> v = new TreeMap<>();
            while (v.size() < 30) {
                v.put(random.nextInt(200), 0.5f + random.nextFloat());
            }
            SparseVector vector = SparseVector.fromSorted(v);
            index.upsert("d" + d, vector);
            live.put("d" + d, vector);
        }
        for (int q = 0; q < 20; q++) {
            TreeMap<Integer, Float> v = new TreeMap<>();
            while (v.size() < 20) {
                v.put(random.nextInt(200), 0.5f + random.nextFloat());
            }
            SparseVector query = SparseVector.fromSorted(v);
            assertEquals(ExhaustiveOracle.topK(live, query, 10), index.search(query, 10));
        }
    }

    @Test
    void codesBoundEveryWeight() {
        Random random = new Random(13);
        for (int trial = 0; trial < 2_000; trial++) {
            float[] ws = new float[1 + random.nextInt(50)];
            for (int i = 0; i < ws.length; i++) {
                ws[i] = (float) Math.exp(random.nextGaussian() * 3);
            }
            float scale = SegmentBuilder.scaleFor(ws, ws.length);
            for (float w : ws) {
                int c = SegmentBuilder.code(w, scale);
                assertTrue(c >= 1 && c <= 255, "code " + c);
                assertTrue((c - 1) * scale < w && w <= c * scale, "w " + w + " code " + c + " scale " + scale);
            }
        }
    }

    @Test
    void blocksDecodeToTheOrdinalsTheyWereBuiltFrom() {
        Random random = new Random(17);
        SegmentBuilder builder = new SegmentBuilder();
        Map<Integer, List<Integer>> expected = new TreeMap<>();
        for (int d = 0; d < 5_000; d++) {
            builder.document("d" + d, d, 1);
            int term = random.nextInt(4) == 0 ? random.nextInt(3) : 3 + random.nextInt(500);
            builder.posting(term, d, 1f + random.nextFloat());
            expected.computeIfAbsent(term, t -> new ArrayList<>()).add(d);
        }
        SealedSegment s = SegmentCodec.decode(concat(SegmentCodec.encode(builder.build(4))));
        int[] ords = new int[SealedSegment.BLOCK];
        int[] codes = new int[SealedSegment.BLOCK];
        for (Map.Entry<Integer, List<Integer>> e : expected.entrySet()) {
            int t = s.termIndex(e.getKey());
            List<Integer> decoded = new ArrayList<>();
            for (int b = s.termFirstBlock[t]; b < s.termFirstBlock[t + 1]; b++) {
                int n = s.decode(t, b, ords, codes);
                for (int p = 0; p < n; p++) {
                    decoded.add(ords[p]);
                }
            }
            assertEquals(e.getValue(), decoded, "term " + e.getKey());
        }
    }

    static byte[] concat(List<org.apache.kafka.streams.KeyValue<org.apache.kafka.common.utils.Bytes, byte[]>> records) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (var kv : records) {
            assertTrue(kv.value.length <= SegmentCodec.RECORD_BYTES, "a record of " + kv.value.length + " bytes");
            out.write(kv.value, 0, kv.value.length);
        }
        return out.toByteArray();
    }
}
