package io.spork.eval;

import java.util.Locale;

/** The retrieval model {@code --model} picks; its name is also the tag of the TREC run file. */
public enum EvalModel {
    /** Spork itself: a fresh embedded stack, documents through Kafka, queries through the HTTP API. */
    SPORK,
    /**
     * The brute-force check of SPORK: the same encoder and configuration, every document encoded in
     * process and every query scored by exact dot products over all of them, no Kafka, no index.
     */
    EXACT,
    /** The Lucene BM25 baseline of BEIR (k1 0.9, b 0.4, English analyzer, title and text in one field). */
    BM25;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EvalModel parse(String value) {
        for (EvalModel m : values()) {
            if (m.tag().equals(value.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new EvalException("--model must be spork, exact or bm25, got '" + value + "'");
    }
}
