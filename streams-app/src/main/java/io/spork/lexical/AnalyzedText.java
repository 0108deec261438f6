package io.spork.lexical;

import java.util.Map;
import java.util.TreeMap;

/**
 * A text as the lexical index sees it: each analysed term with its frequency (sorted by term) and
 * the number of tokens, Lucene's field length for BM25 (stop words removed, so they do not count).
 */
public record AnalyzedText(Map<String, Integer> frequencies, int length) {
    public static final AnalyzedText EMPTY = new AnalyzedText(Map.of(), 0);

    public AnalyzedText {
        frequencies = java.util.Collections.unmodifiableMap(new TreeMap<>(frequencies));
        if (length < 0) {
            throw new IllegalArgumentException("a text length cannot be negative: " + length);
        }
    }

    public boolean isEmpty() {
        return frequencies.isEmpty();
    }
}
