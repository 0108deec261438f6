package io.spork.api;

import io.spork.lexical.Bm25Scoring;
import io.spork.metrics.SporkMetrics;
import io.spork.search.FusionMethod;
import io.spork.search.FusionSettings;
import io.spork.search.QueryEncoder;
import io.spork.search.SearchMode;
import io.spork.search.SearchPage;
import io.spork.search.SearchRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON answer of a search, as the OpenAPI document describes it; records the search's latency. */
final class SearchAnswers {
    private final QueryEncoder queries;
    private final SporkMetrics metrics;

    SearchAnswers(QueryEncoder queries, SporkMetrics metrics) {
        this.queries = queries;
        this.metrics = metrics;
    }

    /** @param text the query text, null for a query of raw terms */
    Map<String, Object> render(String text, SearchOptions options, SearchRequest request, SearchPage page, long startedNanos) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (text != null) {
            body.put("query", text);
        }
        body.put("k", request.k());
        body.put("offset", request.offset());
        body.put("mode", request.mode().tag());
        if (request.mode() == SearchMode.HYBRID) {
            body.put("fusion", fusion(options.fusion(), page.candidates()));
        }
        if (request.mode().usesSplade()) {
            body.put("query_terms", queries.describe(request.splade()));
        }
        if (request.mode().usesBm25()) {
            body.put("bm25_terms", bm25Terms(request, page.scoring()));
        }
        body.put("hits", page.hits());
        body.put("partitions", Map.of("answered", page.answered().size(), "total", page.totalPartitions()));
        body.put("partial", page.partial());
        long took = System.nanoTime() - startedNanos;
        body.put("took_ms", Math.round(took / 1e6 * 100) / 100.0);
        metrics.searched(took, page.partial());
        return body;
    }

    private static Map<String, Object> fusion(FusionSettings settings, int candidates) {
        Map<String, Object> fusion = new LinkedHashMap<>();
        fusion.put("method", settings.method().tag());
        fusion.put("weight", settings.spladeWeight());
        if (settings.method() == FusionMethod.RRF) {
            fusion.put("rrf_k", settings.rrfK());
        }
        fusion.put("candidates", candidates);
        return fusion;
    }

    /** The analysed query terms, each with its count and, when some document holds it, its cluster-wide df and idf. */
    private static List<Map<String, Object>> bm25Terms(SearchRequest request, Bm25Scoring scoring) {
        Map<String, Bm25Scoring.ScoredTerm> scored = new HashMap<>();
        scoring.terms().forEach(t -> scored.put(t.term(), t));
        List<Map<String, Object>> terms = new ArrayList<>();
        request.bm25().termCounts().forEach((term, count) -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("term", term);
            view.put("count", count);
            Bm25Scoring.ScoredTerm s = scored.get(term);
            view.put("document_frequency", s == null ? 0 : s.documentFrequency());
            if (s != null) {
                view.put("idf", s.idf());
            }
            terms.add(view);
        });
        return terms;
    }
}
