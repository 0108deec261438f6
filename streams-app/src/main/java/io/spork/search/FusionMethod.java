package io.spork.search;

/** How the SPLADE and BM25 rankings are combined into one. */
public enum FusionMethod {
    /** Each side's scores as z-scores over its top-N (mean 0, standard deviation 1), then a weighted sum. */
    ZSCORE,
    /** Each side's scores scaled to 0..1 over its top-N, then a weighted sum. */
    MINMAX,
    /** Reciprocal rank fusion: weighted 1 / (rrf_k + rank) of each side. */
    RRF;

    /** The method as requests and configuration name it. */
    public String tag() {
        return Tags.of(this);
    }

    /** @throws IllegalArgumentException with the accepted names when the name is none of them */
    public static FusionMethod parse(String name) {
        return Tags.parse(FusionMethod.class, name, name, "fusion method");
    }
}
