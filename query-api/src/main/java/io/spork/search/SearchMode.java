package io.spork.search;

import java.util.Arrays;

/** What a search ranks by: SPLADE and BM25 fused (the default), SPLADE alone, or BM25 alone. */
public enum SearchMode {
    HYBRID("hybrid"),
    SPLADE("splade"),
    BM25("bm25");

    private final String tag;

    SearchMode(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    public boolean usesSplade() {
        return this != BM25;
    }

    public boolean usesBm25() {
        return this != SPLADE;
    }

    /** @throws IllegalArgumentException naming the accepted modes */
    public static SearchMode parse(String name) {
        String n = name;
        for (SearchMode m : values()) {
            if (m.tag.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown search mode '" + RequestException.abbreviate(name) + "'; one of "
                + Arrays.stream(values()).map(SearchMode::tag).toList());
    }
}
