package io.spork.search;

/** What a search ranks by: SPLADE and BM25 fused (the default), SPLADE alone, or BM25 alone. */
public enum SearchMode {
    HYBRID,
    SPLADE,
    BM25;

    /** The mode as requests and configuration name it. */
    public String tag() {
        return Tags.of(this);
    }

    public boolean usesSplade() {
        return this != BM25;
    }

    public boolean usesBm25() {
        return this != SPLADE;
    }

    /** @throws IllegalArgumentException naming the accepted modes */
    public static SearchMode parse(String name) {
        return Tags.parse(SearchMode.class, name, RequestException.abbreviate(name), "search mode");
    }
}
