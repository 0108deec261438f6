package io.spork.encoder;

import java.util.List;

/** A text tokenized and split into the windows the model reads ({@link SpladeEncoder#windowed}). */
public record WindowedText(List<long[]> windows) {
    public WindowedText {
        windows = List.copyOf(windows);
    }

    /** Tokens the model reads for this text, special tokens included. */
    public int tokens() {
        int n = 0;
        for (long[] w : windows) {
            n += w.length;
        }
        return n;
    }

    /** Tokens of its longest window: the row length a model run that holds it pads to. */
    public int longestWindow() {
        int longest = 0;
        for (long[] w : windows) {
            longest = Math.max(longest, w.length);
        }
        return longest;
    }
}
