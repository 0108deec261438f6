package io.spork.lexical;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A BM25 query: the analysed query terms, each with how often it occurs in the query. Lucene's
 * query parser makes one SHOULD clause per occurrence and BooleanQuery folds repeated clauses into
 * one with a boost of their count; the count is that boost here.
 */
public record Bm25Query(Map<String, Integer> termCounts) {
    public Bm25Query {
        termCounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(termCounts));
    }

    /** Terms in their order of first occurrence, counted. */
    public static Bm25Query of(List<String> terms) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String term : terms) {
            counts.merge(term, 1, Integer::sum);
        }
        return new Bm25Query(counts);
    }

    public boolean isEmpty() {
        return termCounts.isEmpty();
    }
}
