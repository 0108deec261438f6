package io.spork.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.spork.schema.JsonSerde;
import io.spork.metrics.SporkMetrics;
import io.spork.schema.SparseVector;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /search?q=TEXT&k=10&offset=0&explain=false}, {@code POST /search} (JSON: text or raw
 * terms) and the instance-to-instance {@code POST /internal/search}. The query is encoded once,
 * here; every partition of the cluster is searched and an exact global top-k is merged.
 */
final class SearchResource {
    static final int DEFAULT_K = 10;
    private static final Set<String> GET_PARAMS = Set.of("q", "k", "offset", "explain");
    private static final Set<String> POST_FIELDS = Set.of("text", "terms", "k", "offset", "explain");

    private final QueryVectors queries;
    private final ClusterSearch cluster;
    private final LocalSearch local;
    private final SporkMetrics metrics;
    private final int maxK;
    private final int maxQueryChars;

    SearchResource(QueryVectors queries, ClusterSearch cluster, LocalSearch local, SporkMetrics metrics, int maxK, int maxQueryChars) {
        this.queries = queries;
        this.cluster = cluster;
        this.local = local;
        this.metrics = metrics;
        this.maxK = maxK;
        this.maxQueryChars = maxQueryChars;
    }

    void get(Context ctx) {
        long started = System.nanoTime();
        RequestParams.onlyKnown(ctx, GET_PARAMS);
        String q = RequestParams.requiredText(ctx, "q", maxQueryChars);
        int offset = RequestParams.intInRange(ctx, "offset", 0, 0, maxK - 1);
        int k = withinMaxK(RequestParams.intInRange(ctx, "k", DEFAULT_K, 1, maxK), offset);
        boolean explain = RequestParams.bool(ctx, "explain");
        respond(ctx, q, queries.fromText(q), k, offset, explain, started);
    }

    void post(Context ctx) {
        long started = System.nanoTime();
        JsonNode body = jsonBody(ctx);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!POST_FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field '" + RequestParams.abbreviate(field) + "'; a search takes " + POST_FIELDS);
            }
            if (body.get(field).isNull()) {
                throw ApiException.badRequest("'" + field + "' is null; leave it out for its default");
            }
        }
        int offset = intField(body, "offset", 0, 0, maxK - 1);
        int k = withinMaxK(intField(body, "k", DEFAULT_K, 1, maxK), offset);
        JsonNode explainNode = body.path("explain");
        if (!explainNode.isMissingNode() && !explainNode.isBoolean()) {
            throw ApiException.badRequest("'explain' must be true or false");
        }
        boolean explain = explainNode.asBoolean(false);
        boolean hasText = body.hasNonNull("text");
        if (hasText == body.hasNonNull("terms")) {
            throw ApiException.badRequest("give either 'text' (encoded by the model) or 'terms' (a raw sparse query), not both or neither");
        }
        if (hasText) {
            JsonNode text = body.get("text");
            if (!text.isTextual() || text.asText().isBlank() || RequestParams.characters(text.asText()) > maxQueryChars) {
                throw ApiException.badRequest("'text' must be a non-blank string of at most " + maxQueryChars + " characters");
            }
            respond(ctx, text.asText(), queries.fromText(text.asText()), k, offset, explain, started);
        } else {
            respond(ctx, null, queries.fromTerms(body.get("terms")), k, offset, explain, started);
        }
    }

    /** Another instance asks for this one's partitions only, with the query already encoded. */
    void internal(Context ctx) {
        JsonNode body = jsonBody(ctx);
        SparseVector query;
        try {
            query = new SparseVector(JsonSerde.MAPPER.treeToValue(body.get("ids"), int[].class),
                    JsonSerde.MAPPER.treeToValue(body.get("weights"), float[].class));
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("internal search needs 'ids' and 'weights' of a valid sparse vector: " + e.getMessage());
        }
        int n = intField(body, "n", DEFAULT_K, 1, maxK);
        java.util.Set<Integer> partitions = null;
        if (body.has("partitions")) {
            partitions = new java.util.HashSet<>();
            for (JsonNode p : body.get("partitions")) {
                partitions.add(p.asInt());
            }
        }
        ctx.json(local.search(query, n, body.path("explain").asBoolean(false), partitions));
    }

    private void respond(Context ctx, String text, SparseVector query, int k, int offset, boolean explain, long started) {
        ClusterSearch.Result result = cluster.search(query, k, offset, explain);
        Map<String, Object> body = new LinkedHashMap<>();
        if (text != null) {
            body.put("query", text);
        }
        body.put("k", k);
        body.put("offset", offset);
        body.put("query_terms", queries.describe(query));
        body.put("hits", result.hits());
        body.put("partitions", Map.of("answered", result.answered().size(), "total", result.totalPartitions()));
        body.put("partial", result.partial());
        double tookMs = (System.nanoTime() - started) / 1e6;
        body.put("took_ms", Math.round(tookMs * 100) / 100.0);
        metrics.searched(System.nanoTime() - started, result.partial());
        ctx.json(body);
    }

    /** Ranks past http.max-k are not served: a page reaching beyond it is cut there (the answer's k says so). */
    private int withinMaxK(int k, int offset) {
        return Math.min(k, maxK - offset);
    }

    private static JsonNode jsonBody(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        try {
            JsonNode body = bytes.length == 0 ? null : JsonSerde.MAPPER.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object, e.g. {\"text\": \"heart disease\", \"k\": 10}");
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static int intField(JsonNode body, String name, int defaultValue, int min, int max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw ApiException.badRequest("'" + name + "' must be a whole number between " + min + " and " + max);
        }
        int value = v.intValue();
        if (value < min || value > max) {
            throw ApiException.badRequest("'" + name + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
