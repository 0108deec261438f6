package io.spork.schema.search;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The BM25 side of a search as instances pass it to each other: the analysed query terms with
 * their counts, the cluster-wide statistics gathered first, and k1 and b, so every instance
 * scores with the same numbers.
 */
public record Bm25Spec(Map<String, Integer> terms, TermStatistics statistics, float k1, float b) {
    public Bm25Spec {
        // In the query's order: every instance explains and lists the terms in the same order.
        terms = terms == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        statistics = statistics == null ? new TermStatistics(0, 0, Map.of()) : statistics;
    }
}
