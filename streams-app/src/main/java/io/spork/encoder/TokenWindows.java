package io.spork.encoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a long token sequence into overlapping windows the model can read. Each window gets the
 * model's special tokens around it ([CLS] ... [SEP] for BERT); consecutive windows share
 * {@code stride} tokens so no phrase is cut without context on one side.
 */
public final class TokenWindows {
    private final long[] prefix;
    private final long[] suffix;
    private final int contentPerWindow;
    private final int stride;
    private final int maxWindows;

    /**
     * @param windowTokens tokens per window, special tokens included
     */
    public TokenWindows(long[] prefix, long[] suffix, int windowTokens, int stride, int maxWindows) {
        this.prefix = prefix.clone();
        this.suffix = suffix.clone();
        this.contentPerWindow = windowTokens - prefix.length - suffix.length;
        if (contentPerWindow <= stride) {
            throw new IllegalArgumentException("windows of " + windowTokens + " tokens leave no room beyond a stride of " + stride);
        }
        this.stride = stride;
        this.maxWindows = maxWindows;
    }

    /** The windows of one text's tokens (without special tokens); an empty text gives one window. */
    public List<long[]> split(long[] content) {
        List<long[]> windows = new ArrayList<>();
        int start = 0;
        do {
            int end = Math.min(content.length, start + contentPerWindow);
            windows.add(wrap(Arrays.copyOfRange(content, start, end)));
            if (end == content.length) {
                break;
            }
            start = end - stride;
        } while (windows.size() < maxWindows);
        return windows;
    }

    /** Most content tokens a text can contribute: longer texts need not be tokenized whole. */
    public int maxContentTokens() {
        return maxWindows * (contentPerWindow - stride) + stride;
    }

    private long[] wrap(long[] content) {
        long[] window = new long[prefix.length + content.length + suffix.length];
        System.arraycopy(prefix, 0, window, 0, prefix.length);
        System.arraycopy(content, 0, window, prefix.length, content.length);
        System.arraycopy(suffix, 0, window, prefix.length + content.length, suffix.length);
        return window;
    }
}
