package io.spork.search;

import java.util.Arrays;

/** How the SPLADE and BM25 rankings are combined into one. */
public enum FusionMethod {
    /** Each side's scores as z-scores over its top-N (mean 0, standard deviation 1), then a weighted sum. */
    ZSCORE("zscore"),
    /** Each side's scores scaled to 0..1 over its top-N, then a weighted sum. */
    MINMAX("minmax"),
    /** Reciprocal rank fusion: weighted 1 / (rrf_k + rank) of each side. */
    RRF("rrf");

    private final String tag;

    FusionMethod(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** @throws IllegalArgumentException with the accepted names when the name is none of them */
    public static FusionMethod parse(String name) {
        String n = name;
        for (FusionMethod m : values()) {
            if (m.tag.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown fusion method '" + name + "'; one of "
                + Arrays.stream(values()).map(FusionMethod::tag).toList());
    }
}
