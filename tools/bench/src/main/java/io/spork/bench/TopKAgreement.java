package io.spork.bench;

import io.spork.schema.SparseVector;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * How far two top-k lists of the same queries agree, compared as sets (Lucene's scores are
 * rounded, so the order of near-ties may differ). A hit that only Lucene returns is "explained"
 * when its exact score is within Lucene's weight rounding of the exact k-th score: Lucene keeps 9
 * significant bits of each document weight, truncating it by less than 2^-8 of its value, so every
 * Lucene score is at most 2^-8 below the exact one.
 */
final class TopKAgreement {
    /** Relative amount by which Lucene's FeatureField may lower a weight (and so a score). */
    static final double LUCENE_RELATIVE_ERROR = 1.0 / 256;

    private long shared;
    private long expected;
    private int queries;
    private int identicalSets;
    private long unexplained;

    /** The summary of Spork's exact lists against another system's, on the same queries of the corpus. */
    static String summary(BenchCorpus corpus, List<SparseVector> queries, List<List<String>> exact, List<List<String>> other) {
        TopKAgreement agreement = new TopKAgreement();
        for (int j = 0; j < queries.size(); j++) {
            SparseVector q = queries.get(j);
            agreement.add(exact.get(j), other.get(j), id -> corpus.document(Long.parseLong(id.substring(1))).dot(q));
        }
        return agreement.summary();
    }

    /**
     * Adds one query's results.
     *
     * @param exact     the exact top-k ids, best first
     * @param other     the other system's top-k ids
     * @param exactScore the exact score of any document id
     */
    void add(List<String> exact, List<String> other, ToDoubleFunction<String> exactScore) {
        Set<String> exactSet = new HashSet<>(exact);
        int common = 0;
        for (String id : other) {
            if (exactSet.contains(id)) {
                common++;
            }
        }
        queries++;
        shared += common;
        expected += Math.max(exact.size(), other.size());
        if (common == exact.size() && common == other.size()) {
            identicalSets++;
            return;
        }
        double kth = exact.isEmpty() ? 0 : exactScore.applyAsDouble(exact.get(exact.size() - 1));
        double floor = kth * (1 - LUCENE_RELATIVE_ERROR) * (1 - 1e-6);
        for (String id : other) {
            if (!exactSet.contains(id) && exactScore.applyAsDouble(id) < floor) {
                unexplained++;
            }
        }
        if (other.size() < exact.size()) {
            unexplained += exact.size() - other.size();
        }
    }

    /** Shared hits over all hits: 1.0 when every set is the same. */
    double overlap() {
        return expected == 0 ? 1.0 : (double) shared / expected;
    }

    int queries() {
        return queries;
    }

    int identicalSets() {
        return identicalSets;
    }

    /** Hits of the other system that rounding of its weights cannot explain (or missing hits). */
    long unexplained() {
        return unexplained;
    }

    String summary() {
        return String.format("%.4f (%d of %d hits shared; %d of %d queries with identical sets; %d differences not explained by Lucene's 9-bit weights)",
                overlap(), shared, expected, identicalSets, queries, unexplained);
    }
}
