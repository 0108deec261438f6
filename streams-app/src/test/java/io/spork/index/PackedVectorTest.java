package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PackedVectorTest {
    private static byte[] pack(SparseVector v, int padding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x5A);
        out.writeBytes(PackedVector.pack(v));
        for (int i = 0; i < padding; i++) {
            out.write(0xFF);
        }
        return out.toByteArray();
    }

    private static void assertRoundTrip(SparseVector v) {
        for (int padding : new int[] {0, 7}) {
            byte[] bytes = pack(v, padding);
            SparseVector back = PackedVector.read(bytes, 1, bytes.length - padding);
            assertEquals(v, back, "padding " + padding);
        }
    }

    @Test
    void roundTripsVectorsOfEveryShape() {
        Random random = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            assertRoundTrip(SegmentScorerTest.skewedVector(random, 1 + random.nextInt(400), trial % 3 == 0));
        }
        assertRoundTrip(SparseVector.empty());
    }

    @Test
    void keepsExtremeIdsAndWeightsBitForBit() {
        TreeMap<Integer, Float> extremes = new TreeMap<>();
        extremes.put(0, Float.MIN_VALUE);
        extremes.put(1, Float.MAX_VALUE);
        extremes.put(2, 1f);
        extremes.put(30_000, Math.nextUp(1f));
        extremes.put(Integer.MAX_VALUE - 1, 1e-30f);
        assertRoundTrip(SparseVector.fromSorted(extremes));
        TreeMap<Integer, Float> one = new TreeMap<>();
        one.put(Integer.MAX_VALUE, 0.5f);
        assertRoundTrip(SparseVector.fromSorted(one));
        TreeMap<Integer, Float> dense = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            dense.put(i, 0.75f);
        }
        assertRoundTrip(SparseVector.fromSorted(dense));
    }

    @Test
    void readsGapsWhoseUnaryPartFillsTheWholeReadWindow() {
        // Dense ids make the Rice parameter small, so a large first id is a long unary run: every
        // length around 64 bits (the reader's window) is covered, where a shift by 64 is a no-op.
        for (int first = 0; first < 400; first++) {
            TreeMap<Integer, Float> weights = new TreeMap<>();
            weights.put(first, 0.5f);
            for (int id = first + 1; id < first + 1500; id++) {
                weights.put(id, 0.25f + (id % 7) / 8f);
            }
            assertRoundTrip(SparseVector.fromSorted(weights));
        }
    }

    @Test
    void scoresEqualTheExactScoreBitForBit() {
        Random random = new Random(11);
        for (int trial = 0; trial < 500; trial++) {
            SparseVector document = SegmentScorerTest.skewedVector(random, 1 + random.nextInt(200), false);
            SparseVector query = trial % 5 == 0 ? document : SegmentScorerTest.skewedVector(random, 1 + random.nextInt(60), false);
            byte[] bytes = pack(document, 0);
            assertEquals(Float.floatToRawIntBits(ExactScore.of(query, document)),
                    Float.floatToRawIntBits(PackedVector.score(bytes, 1, bytes.length, query)), "trial " + trial);
        }
        byte[] empty = pack(SparseVector.empty(), 0);
        assertEquals(0f, PackedVector.score(empty, 1, empty.length, SegmentScorerTest.skewedVector(random, 5, false)));
    }

    @Test
    void isSmallerThanVarintIdsAndFourByteWeights() {
        Random random = new Random(3);
        SparseVector v = SegmentScorerTest.skewedVector(random, 130, false);
        int varints = 0;
        int previous = -1;
        for (int i = 0; i < v.size(); i++) {
            int gap = v.idAt(i) - previous;
            varints += gap < 128 ? 1 : gap < 16384 ? 2 : 3;
            previous = v.idAt(i);
        }
        int packed = pack(v, 0).length - 1;
        assertTrue(packed < varints + 4 * v.size(), packed + " bytes packed, " + (varints + 4 * v.size()) + " as varints + floats");
    }
}
