package io.spork.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenWindowsTest {
    private static final long CLS = 101;
    private static final long SEP = 102;
    private final TokenWindows windows = new TokenWindows(new long[] {CLS}, new long[] {SEP}, 6, 1, 3);

    @Test
    void shortTextIsOneWindow() {
        assertArrayEquals(new long[] {CLS, 1, 2, SEP}, windows.split(new long[] {1, 2}).get(0));
        assertArrayEquals(new long[] {CLS, SEP}, windows.split(new long[0]).get(0));
    }

    @Test
    void longTextOverlapsByTheStride() {
        List<long[]> w = windows.split(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        assertEquals(3, w.size());
        assertArrayEquals(new long[] {CLS, 1, 2, 3, 4, SEP}, w.get(0));
        assertArrayEquals(new long[] {CLS, 4, 5, 6, 7, SEP}, w.get(1));
        assertArrayEquals(new long[] {CLS, 7, 8, 9, SEP}, w.get(2));
    }

    @Test
    void stopsAtMaxWindows() {
        long[] tokens = new long[100];
        assertEquals(3, windows.split(tokens).size());
        assertEquals(3 * (4 - 1) + 1, windows.maxContentTokens());
    }
}
