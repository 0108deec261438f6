package io.spork.api;

import io.javalin.http.Context;
import io.spork.encoder.SpladeEncoder;
import io.spork.index.ScoredDocument;
import io.spork.index.SearchResult;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.topology.SporkStreams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /search?q=TEXT&k=10}: encodes the query with the model and returns the exact top-k. */
final class SearchResource {
    static final int DEFAULT_K = 10;

    private final SpladeEncoder encoder;
    private final SporkStreams streams;
    private final int maxK;
    private final int maxQueryChars;

    SearchResource(SpladeEncoder encoder, SporkStreams streams, int maxK, int maxQueryChars) {
        this.encoder = encoder;
        this.streams = streams;
        this.maxK = maxK;
        this.maxQueryChars = maxQueryChars;
    }

    void search(Context ctx) {
        long started = System.nanoTime();
        String q = RequestParams.requiredText(ctx, "q", maxQueryChars);
        int k = RequestParams.intInRange(ctx, "k", DEFAULT_K, 1, maxK);
        SparseVector query = encoder.encode(q);
        SearchResult result = streams.indexes().search(query, k);
        List<Map<String, Object>> hits = new ArrayList<>();
        for (ScoredDocument hit : result.hits()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", hit.id());
            json.put("score", hit.score());
            json.put("title", streams.localDocument(hit.id()).map(VectorRecord::title).orElse(null));
            hits.add(json);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", q);
        body.put("k", k);
        body.put("hits", hits);
        body.put("partitions", result.partitions());
        body.put("query_terms", query.size());
        body.put("took_ms", (System.nanoTime() - started) / 1_000_000.0);
        ctx.json(body);
    }
}
