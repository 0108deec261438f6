package io.spork.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenWindowsTest {
    private static final long CLS = 101;
    private static final long SEP = 102;
    /** Windows of 6 tokens: 4 of content, neighbours sharing at least 1. */
    private final TokenWindows windows = new TokenWindows(new long[] {CLS}, new long[] {SEP}, 6, 1, 3);

    @Test
    void textWithinOneWindowIsOneWindow() {
        assertArrayEquals(new long[] {CLS, 1, 2, SEP}, windows.split(new long[] {1, 2}).get(0));
        assertArrayEquals(new long[] {CLS, SEP}, windows.split(new long[0]).get(0));
        List<long[]> full = windows.split(new long[] {1, 2, 3, 4});
        assertEquals(1, full.size(), "exactly the window's length is still one window");
        assertArrayEquals(new long[] {CLS, 1, 2, 3, 4, SEP}, full.get(0));
    }

    @Test
    void oneTokenOverIsTwoEqualWindowsNotAWindowAndAStub() {
        List<long[]> w = windows.split(new long[] {1, 2, 3, 4, 5});
        assertEquals(2, w.size());
        assertArrayEquals(new long[] {CLS, 1, 2, 3, SEP}, w.get(0));
        assertArrayEquals(new long[] {CLS, 3, 4, 5, SEP}, w.get(1));
    }

    @Test
    void longTextIsSplitIntoEqualWindowsSharingTheStride() {
        List<long[]> w = windows.split(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertEquals(3, w.size());
        assertArrayEquals(new long[] {CLS, 1, 2, 3, 4, SEP}, w.get(0));
        assertArrayEquals(new long[] {CLS, 4, 5, 6, 7, SEP}, w.get(1));
        assertArrayEquals(new long[] {CLS, 7, 8, 9, 10, SEP}, w.get(2));
    }

    @Test
    void everyLengthGivesEqualWindowsCoveringTheTextWithTheStride() {
        Random random = new Random(7);
        for (int trial = 0; trial < 300; trial++) {
            int content = 4 + random.nextInt(60);
            int stride = random.nextInt(content);
            int maxWindows = 1 + random.nextInt(12);
            TokenWindows tw = new TokenWindows(new long[] {CLS}, new long[] {SEP}, content + 2, stride, maxWindows);
            int n = random.nextInt(tw.maxContentTokens() + 1);
            long[] tokens = new long[n];
            Arrays.setAll(tokens, i -> 1000 + i);
            List<long[]> w = tw.split(tokens);
            String what = "n=" + n + " content=" + content + " stride=" + stride;
            int minWindows = n <= content ? 1 : (n - stride + content - stride - 1) / (content - stride);
            assertEquals(minWindows, w.size(), "the fewest windows that can cover the text: " + what);
            int length = w.get(0).length;
            long expectedNext = 1000;
            long previousEnd = -1;
            for (long[] window : w) {
                assertEquals(length, window.length, "all windows equal: " + what);
                assertTrue(window.length <= content + 2, "no window over the model's length: " + what);
                assertEquals(CLS, window[0]);
                assertEquals(SEP, window[window.length - 1]);
                long first = window.length > 2 ? window[1] : expectedNext;
                long last = window.length > 2 ? window[window.length - 2] : expectedNext - 1;
                assertTrue(first <= expectedNext, "no token skipped: " + what);
                if (previousEnd >= 0 && w.size() > 1) {
                    assertTrue(previousEnd - first + 1 >= stride, "neighbours share the stride: " + what);
                }
                for (int i = 1; i < window.length - 1; i++) {
                    assertEquals(first + i - 1, window[i], "a window is a contiguous run: " + what);
                }
                previousEnd = last;
                expectedNext = last + 1;
            }
            assertEquals(1000 + n, expectedNext, "the last window ends at the text's end: " + what);
        }
    }

    @Test
    void stopsAtMaxWindows() {
        long[] tokens = new long[100];
        assertEquals(3, windows.split(tokens).size());
        assertEquals(3 * (4 - 1) + 1, windows.maxContentTokens());
        for (long[] w : windows.split(tokens)) {
            assertEquals(6, w.length, "the kept part is cut into full windows");
        }
    }

    @Test
    void refusesAStrideThatLeavesNoRoom() {
        assertThrows(IllegalArgumentException.class, () -> new TokenWindows(new long[] {CLS}, new long[] {SEP}, 6, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> new TokenWindows(new long[] {CLS}, new long[] {SEP}, 6, 1, 0));
    }
}
