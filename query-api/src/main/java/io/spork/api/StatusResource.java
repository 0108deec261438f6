package io.spork.api;

import io.javalin.http.Context;
import io.spork.encoder.SpladeEncoder;
import io.spork.topology.LocalIndexes;
import io.spork.index.PartitionIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@code GET /health}, {@code GET /ready} and {@code GET /stats}. */
final class StatusResource {
    private final BooleanSupplier ready;
    private final Supplier<String> state;
    private final LocalIndexes indexes;
    private final SpladeEncoder encoder;

    /** @param state the streams' state name, as /ready and /stats show it */
    StatusResource(BooleanSupplier ready, Supplier<String> state, LocalIndexes indexes, SpladeEncoder encoder) {
        this.ready = ready;
        this.state = state;
        this.indexes = indexes;
        this.encoder = encoder;
    }

    void health(Context ctx) {
        ctx.json(Map.of("status", "alive"));
    }

    void ready(Context ctx) {
        boolean isReady = ready.getAsBoolean();
        ctx.status(isReady ? 200 : 503).json(Map.of("ready", isReady, "state", state.get()));
    }

    void stats(Context ctx) {
        List<Map<String, Object>> partitions = new ArrayList<>();
        long documents = 0;
        long postings = 0;
        for (PartitionIndex index : indexes.snapshot().values()) {
            int docs = index.documentCount();
            long posts = index.postingCount();
            documents += docs;
            postings += posts;
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("partition", index.partition());
            p.put("documents", docs);
            p.put("postings", posts);
            partitions.add(p);
        }
        Map<String, Object> encoderStats = new LinkedHashMap<>();
        encoderStats.put("model", encoder.model().name());
        encoderStats.put("device", encoder.device());
        encoderStats.put("onnxruntime", encoder.runtime());
        encoderStats.put("documents_encoded", encoder.stats().documents());
        encoderStats.put("model_runs", encoder.stats().modelRuns());
        encoderStats.put("documents_per_second", Math.round(encoder.stats().documentsPerSecond() * 10) / 10.0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("documents", documents);
        body.put("postings", postings);
        body.put("avg_terms_per_document", documents == 0 ? 0 : Math.round(10.0 * postings / documents) / 10.0);
        body.put("partitions", partitions);
        body.put("encoder", encoderStats);
        body.put("state", state.get());
        ctx.json(body);
    }
}
