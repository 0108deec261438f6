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
}
