package io.spork.search;

import io.spork.lexical.Bm25Parameters;
import io.spork.lexical.Bm25Query;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import io.spork.schema.search.Bm25Contribution;
import io.spork.schema.search.Bm25Spec;
import io.spork.schema.search.TermStatistics;

/** The lexical engine's BM25 values to and from their wire forms in the peer protocol. */
final class LexicalForms {
    private LexicalForms() {
    }

    static TermStatistics wire(Bm25Statistics s) {
        return new TermStatistics(s.documentCount(), s.totalLength(), s.documentFrequencies());
    }

    static Bm25Statistics statistics(TermStatistics s) {
        return new Bm25Statistics(s.documentCount(), s.totalLength(), s.documentFrequencies());
    }

    static Bm25Spec spec(Bm25Query query, Bm25Statistics cluster, Bm25Parameters parameters) {
        return new Bm25Spec(query.termCounts(), wire(cluster), parameters.k1(), parameters.b());
    }

    /** @throws IllegalArgumentException when the spec's statistics or parameters are not valid */
    static Bm25Scoring scoring(Bm25Spec spec) {
        return new Bm25Scoring(new Bm25Query(spec.terms()), statistics(spec.statistics()), new Bm25Parameters(spec.k1(), spec.b()));
    }
}
