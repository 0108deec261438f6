package io.spork.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a token sequence into the windows the model reads. A text that fits in one window is one
 * window, as the model was trained to read it. A longer text is split into balanced windows: the
 * fewest windows that cover it with at least {@code stride} tokens shared by neighbours, all of the
 * same length, never a full window and a short stub (a stub gets inflated weights of its own, and
 * max-pooling keeps them). Each window gets the model's special tokens around it ([CLS] ... [SEP]).
 */
public final class TokenWindows {
    private final long[] prefix;
    private final long[] suffix;
    private final int contentPerWindow;
    private final int stride;
    private final int maxWindows;

    /**
     * @param windowTokens tokens per window, special tokens included
     * @param stride       least number of tokens consecutive windows share
     * @param maxWindows   most windows per text; tokens beyond them are not read
     */
    public TokenWindows(long[] prefix, long[] suffix, int windowTokens, int stride, int maxWindows) {
        this.prefix = prefix.clone();
        this.suffix = suffix.clone();
        this.contentPerWindow = windowTokens - prefix.length - suffix.length;
        if (stride < 0 || contentPerWindow <= stride) {
            throw new IllegalArgumentException("windows of " + windowTokens + " tokens leave no room beyond a stride of " + stride);
        }
        if (maxWindows < 1) {
            throw new IllegalArgumentException("a text needs at least one window, not " + maxWindows);
        }
        this.stride = stride;
        this.maxWindows = maxWindows;
    }

    /** The windows of one text's tokens (without special tokens); an empty text gives one window. */
    public List<long[]> split(long[] content) {
        int n = Math.min(content.length, maxContentTokens());
        if (n <= contentPerWindow) {
            return List.of(wrap(content, 0, n));
        }
        int step = contentPerWindow - stride;
        int count = (n - stride + step - 1) / step;
        // Equal lengths: the shortest length at which `count` windows cover n tokens with the stride.
        int length = (n + (count - 1) * stride + count - 1) / count;
        // Spread the n - length tokens of shift over the gaps; no gap exceeds length - stride, as
        // (count - 1) * (length - stride) >= n - length by the choice of length.
        int shift = n - length;
        List<long[]> windows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int start = (int) ((long) i * shift / (count - 1));
            windows.add(wrap(content, start, start + length));
        }
        return windows;
    }

    /** Most content tokens a text can contribute: longer texts need not be tokenized whole. */
    public int maxContentTokens() {
        return maxWindows * (contentPerWindow - stride) + stride;
    }

    /** Content tokens of one window (its length less the special tokens). */
    public int contentPerWindow() {
        return contentPerWindow;
    }

    private long[] wrap(long[] content, int from, int to) {
        int length = to - from;
        long[] window = new long[prefix.length + length + suffix.length];
        System.arraycopy(prefix, 0, window, 0, prefix.length);
        System.arraycopy(content, from, window, prefix.length, length);
        System.arraycopy(suffix, 0, window, prefix.length + length, suffix.length);
        return window;
    }
}
