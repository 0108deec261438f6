package io.spork.api;

import io.spork.lexical.Bm25Scoring;
import io.spork.metrics.SporkMetrics;
import io.spork.schema.search.SearchAnswer;
import io.spork.search.FusionMethod;
import io.spork.search.FusionSettings;
import io.spork.search.QueryEncoder;
import io.spork.search.SearchMode;
import io.spork.search.SearchPage;
import io.spork.search.SearchRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The answer of a search ({@link SearchAnswer}) from its request and page; records the search's latency. */
final class SearchAnswers {
    private final QueryEncoder queries;
    private final SporkMetrics metrics;

    SearchAnswers(QueryEncoder queries, SporkMetrics metrics) {
        this.queries = queries;
        this.metrics = metrics;
    }

    /** @param text the query text, null for a query of raw terms */
    SearchAnswer render(String text, SearchOptions options, SearchRequest request, SearchPage page, long startedNanos) {
        SearchMode mode = request.mode();
        long took = System.nanoTime() - startedNanos;
        metrics.searched(took, page.partial());
        return new SearchAnswer(text, request.k(), request.offset(), mode.tag(),
                mode == SearchMode.HYBRID ? fusion(options.fusion(), page.candidates()) : null,
                mode.usesSplade() ? queries.describe(request.splade()) : null,
                mode.usesBm25() ? bm25Terms(request, page.scoring()) : null,
                page.hits(), new SearchAnswer.Partitions(page.answered().size(), page.totalPartitions()), page.partial(),
                Math.round(took / 1e6 * 100) / 100.0);
    }

    private static SearchAnswer.Fusion fusion(FusionSettings settings, int candidates) {
        return new SearchAnswer.Fusion(settings.method().tag(), settings.spladeWeight(),
                settings.method() == FusionMethod.RRF ? settings.rrfK() : null, candidates);
    }

    /** The analysed query terms, each with its count and, when some document holds it, its cluster-wide df and idf. */
    private static List<SearchAnswer.Bm25Term> bm25Terms(SearchRequest request, Bm25Scoring scoring) {
        Map<String, Bm25Scoring.ScoredTerm> scored = new HashMap<>();
        scoring.terms().forEach(t -> scored.put(t.term(), t));
        List<SearchAnswer.Bm25Term> terms = new ArrayList<>();
        request.bm25().termCounts().forEach((term, count) -> {
            Bm25Scoring.ScoredTerm s = scored.get(term);
            terms.add(new SearchAnswer.Bm25Term(term, count, s == null ? 0 : s.documentFrequency(), s == null ? null : s.idf()));
        });
        return terms;
    }
}
