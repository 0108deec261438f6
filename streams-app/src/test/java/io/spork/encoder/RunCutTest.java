package io.spork.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunCutTest {
    /** Padded tokens of the runs plus their fixed cost, as the cut counts them. */
    private static long cost(int[] lengths, int[] ends) {
        long total = 0;
        int from = 0;
        for (int end : ends) {
            total += (long) (end - from) * lengths[end - 1] + RunCut.RUN_COST_TOKENS;
            from = end;
        }
        return total;
    }

    /** The plain loop's rule: a run every maxRows windows, fewer where maxTokens binds. */
    private static int[] everyMaxRows(int[] lengths, int maxRows, long maxTokens) {
        int[] ends = new int[lengths.length];
        int runs = 0;
        int from = 0;
        while (from < lengths.length) {
            int to = from + 1;
            while (to < lengths.length && to - from < maxRows && (long) (to - from + 1) * lengths[to] <= maxTokens) {
                to++;
            }
            ends[runs++] = to;
            from = to;
        }
        return Arrays.copyOf(ends, runs);
    }

    private static void assertWithinBounds(int[] lengths, int[] ends, int maxRows, long maxTokens) {
        int from = 0;
        for (int end : ends) {
            assertTrue(end > from, "every run holds a window");
            int rows = end - from;
            assertTrue(rows <= maxRows, rows + " rows");
            assertTrue(rows == 1 || (long) rows * lengths[end - 1] <= maxTokens, rows + " rows of " + lengths[end - 1]);
            from = end;
        }
        assertEquals(lengths.length, from, "every window is in a run");
    }

    @Test
    void runsEndWhereTheLengthsJump() {
        int[] lengths = new int[20];
        Arrays.fill(lengths, 0, 4, 100);
        Arrays.fill(lengths, 4, 20, 500);
        // Every 16 rows would pad four windows of 100 to 500 (and leave a run of 4 long ones).
        assertArrayEquals(new int[] {4, 20}, RunCut.ends(lengths, 16, 8192));
    }

    @Test
    void likeLengthsFillWholeRuns() {
        int[] lengths = new int[40];
        Arrays.fill(lengths, 300);
        int[] ends = RunCut.ends(lengths, 16, 8192);
        assertEquals(3, ends.length, "no more runs than 40 windows need at 16 rows: " + Arrays.toString(ends));
        assertWithinBounds(lengths, ends, 16, 8192);
    }

    @Test
    void aWindowLongerThanTheTokenBudgetRunsAlone() {
        assertArrayEquals(new int[] {1, 2}, RunCut.ends(new int[] {600, 700}, 16, 512));
        assertArrayEquals(new int[0], RunCut.ends(new int[0], 16, 512));
    }

    @Test
    void neverCostsMoreThanCuttingEveryMaxRowsAndKeepsTheBounds() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int[] lengths = new int[1 + random.nextInt(120)];
            for (int i = 0; i < lengths.length; i++) {
                lengths[i] = 8 + random.nextInt(505);
            }
            Arrays.sort(lengths);
            int maxRows = 1 + random.nextInt(32);
            long maxTokens = 512 + random.nextInt(8192);
            int[] cut = RunCut.ends(lengths, maxRows, maxTokens);
            assertWithinBounds(lengths, cut, maxRows, maxTokens);
            assertTrue(cost(lengths, cut) <= cost(lengths, everyMaxRows(lengths, maxRows, maxTokens)), "trial " + trial);
        }
    }
}
