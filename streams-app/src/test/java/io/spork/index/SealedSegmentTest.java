package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fused block reads (decode-and-add, pending look-up) equal decoding a block and reading its codes one by one. */
class SealedSegmentTest {
    @Test
    void accumulateAddsWhatDecodeReadsForEveryBlockWidth() {
        SealedSegment s = threeGapWidths(new Random(3), 5000, 200);
        int[] ordinals = new int[SealedSegment.BLOCK];
        int[] codes = new int[SealedSegment.BLOCK];
        for (int term = 1; term <= 3; term++) {
            int t = s.termIndex(term);
            for (int b = s.termFirstBlock[t]; b < s.termFirstBlock[t + 1]; b++) {
                int count = s.decode(t, b, ordinals, codes);
                int base = ordinals[0];
                float[] expected = new float[ordinals[count - 1] - base + 1];
                for (int p = 0; p < count; p++) {
                    expected[ordinals[p] - base] += 0.75f * codes[p];
                }
                float[] actual = new float[expected.length];
                s.accumulate(t, b, base, weightsOfCodes(0.75f), actual);
                assertArrayEquals(expected, actual, "term " + term + " block " + b);
                assertTrue(count > 0);
            }
        }
    }

    @Test
    void weightsOfCodesHoldTheSameFloatProductsAsMultiplyingEachCode() {
        Random random = new Random(11);
        for (int trial = 0; trial < 100; trial++) {
            float unit = random.nextFloat() * 0.05f;
            float[] table = weightsOfCodes(unit);
            for (int c = 0; c < 256; c++) {
                assertEquals(Float.floatToIntBits(unit * c), Float.floatToIntBits(table[c]), "unit " + unit + " code " + c);
            }
        }
    }

    private static float[] weightsOfCodes(float unit) {
        float[] table = new float[256];
        SealedSegment.weightsOfCodes(unit, table);
        return table;
    }

    @Test
    void addToPendingAddsTheCodeOfEveryPendingDocumentInTheBlockAndNoOther() {
        Random random = new Random(5);
        SealedSegment s = threeGapWidths(random, 3000, 150);
        int[] ordinals = new int[SealedSegment.BLOCK];
        int[] codes = new int[SealedSegment.BLOCK];
        for (int term = 1; term <= 3; term++) {
            int t = s.termIndex(term);
            for (int b = s.termFirstBlock[t]; b < s.termFirstBlock[t + 1]; b++) {
                int count = s.decode(t, b, ordinals, codes);
                int base = Math.max(0, ordinals[0] - 5);
                // Pending: every ordinal from base to past the block's end with probability 1/3 (some in it, some not).
                int[] pending = new int[ordinals[count - 1] - base + 20];
                int n = 0;
                for (int o = base; o < ordinals[count - 1] + 20; o++) {
                    if (random.nextInt(3) == 0) {
                        pending[n++] = o - base;
                    }
                }
                float[] expected = new float[n];
                for (int c = 0; c < n; c++) {
                    for (int p = 0; p < count; p++) {
                        if (ordinals[p] == pending[c] + base) {
                            expected[c] = 0.5f * codes[p];
                        }
                    }
                }
                float[] actual = new float[n];
                int next = s.addToPending(t, b, base, weightsOfCodes(0.5f), pending, actual, 0, n);
                assertArrayEquals(expected, actual, "term " + term + " block " + b);
                assertTrue(next == n || pending[next] + base > ordinals[count - 1], "returns the first pending past the block");
                assertTrue(next == 0 || pending[next - 1] + base <= ordinals[count - 1], "and no later one");
            }
        }
    }

    /**
     * Term 1 in every document (gaps of width 0), term 2 in about a third (small gaps), term 3 in
     * about one of {@code wideEvery} (wide gaps).
     */
    private static SealedSegment threeGapWidths(Random random, int documents, int wideEvery) {
        SegmentBuilder builder = new SegmentBuilder();
        for (int d = 0; d < documents; d++) {
            int ordinal = builder.document("d" + d, d, 3);
            builder.posting(1, ordinal, 0.5f + random.nextFloat());
            if (random.nextInt(3) == 0) {
                builder.posting(2, ordinal, 0.01f + random.nextFloat());
            }
            if (random.nextInt(wideEvery) == 0) {
                builder.posting(3, ordinal, 2f * random.nextFloat() + 0.01f);
            }
        }
        return builder.build(0);
    }
}
