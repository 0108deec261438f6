package io.spork.bench;

import java.util.Locale;

/**
 * The size of the vectors a {@link SyntheticCorpus} draws: "scifact" keeps the measured term counts,
 * "msmarco" rescales them to about 130 terms per document and 50 per query, the shape of SPLADE
 * on MS MARCO passages; "topical" draws documents from topics fitted to real vectors
 * ({@link TopicalCorpus}, query benchmark only).
 */
public enum CorpusShape {
    SCIFACT(0, 0),
    MSMARCO(130, 50),
    /** Documents drawn from topics of real vectors ({@link TopicalCorpus}), lengths as measured. */
    TOPICAL(0, 0);

    private final double documentTerms;
    private final double queryTerms;

    CorpusShape(double documentTerms, double queryTerms) {
        this.documentTerms = documentTerms;
        this.queryTerms = queryTerms;
    }

    /** Mean terms per document; 0 = as measured. */
    public double documentTerms() {
        return documentTerms;
    }

    /** Mean terms per query; 0 = as measured. */
    public double queryTerms() {
        return queryTerms;
    }

    public static CorpusShape parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--shape must be scifact, msmarco or topical, got '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
