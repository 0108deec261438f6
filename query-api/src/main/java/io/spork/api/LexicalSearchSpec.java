package io.spork.api;

import io.spork.lexical.Bm25Parameters;
import io.spork.lexical.Bm25Query;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import java.util.Map;

/**
 * The BM25 side of a search as instances pass it to each other in phases two and three: the
 * analysed query terms with their counts, the cluster-wide statistics gathered in phase one, and
 * k1 and b, so every instance scores with the same numbers.
 */
public record LexicalSearchSpec(Map<String, Integer> terms, Bm25Statistics statistics, float k1, float b) {
    public LexicalSearchSpec {
        terms = terms == null ? Map.of() : terms;
        statistics = statistics == null ? Bm25Statistics.EMPTY : statistics;
    }

    public static LexicalSearchSpec of(Bm25Query query, Bm25Statistics statistics, Bm25Parameters parameters) {
        return new LexicalSearchSpec(query.termCounts(), statistics, parameters.k1(), parameters.b());
    }

    public Bm25Scoring scoring() {
        return new Bm25Scoring(new Bm25Query(terms), statistics, new Bm25Parameters(k1, b));
    }
}
