package io.spork.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.spork.schema.JsonSerde;
import io.spork.metrics.SporkMetrics;
import io.spork.fusion.FusionMethod;
import io.spork.lexical.Bm25Query;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.LexicalAnalyzer;
import io.spork.schema.SparseVector;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /search?q=TEXT&k=10&offset=0&explain=false&mode=hybrid}, {@code POST /search} (JSON:
 * text or raw terms) and the instance-to-instance {@code POST /internal/*} of the fan-out. The
 * query is encoded and analysed once, here. SPLADE alone: every partition's top-k merged
 * ({@link ClusterSearch}); BM25 and hybrid: statistics, candidates and dressing in three phases
 * ({@link HybridSearch}).
 */
final class SearchResource {
    static final int DEFAULT_K = 10;
    private static final Set<String> GET_PARAMS = union(Set.of("q", "k", "offset", "explain"), SearchOptions.NAMES);
    private static final Set<String> POST_FIELDS = union(Set.of("text", "terms", "k", "offset", "explain"), SearchOptions.NAMES);

    private final QueryVectors queries;
    private final ClusterSearch cluster;
    private final LocalSearch local;
    private final HybridSearch hybrid;
    private final LexicalAnalyzer analyzer;
    private final SearchDefaults defaults;
    private final SporkMetrics metrics;
    private final int maxK;
    private final int maxQueryChars;

    SearchResource(QueryVectors queries, ClusterSearch cluster, LocalSearch local, HybridSearch hybrid, LexicalAnalyzer analyzer,
                   SearchDefaults defaults, SporkMetrics metrics, int maxK, int maxQueryChars) {
        this.queries = queries;
        this.cluster = cluster;
        this.local = local;
        this.hybrid = hybrid;
        this.analyzer = analyzer;
        this.defaults = defaults;
        this.metrics = metrics;
        this.maxK = maxK;
        this.maxQueryChars = maxQueryChars;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    void get(Context ctx) {
        long started = System.nanoTime();
        RequestParams.onlyKnown(ctx, GET_PARAMS);
        String q = RequestParams.requiredText(ctx, "q", maxQueryChars);
        int offset = RequestParams.intInRange(ctx, "offset", 0, 0, maxK - 1);
        int k = withinMaxK(RequestParams.intInRange(ctx, "k", DEFAULT_K, 1, maxK), offset);
        boolean explain = RequestParams.bool(ctx, "explain");
        respondToText(ctx, q, SearchOptions.of(ctx, defaults, maxK), k, offset, explain, started);
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
            respondToText(ctx, text.asText(), SearchOptions.of(body, defaults, maxK), k, offset, explain, started);
        } else {
            // The fusion fields are checked as for a text query, although a search by terms uses none.
            SearchOptions.of(body, defaults, maxK);
            if (body.hasNonNull("mode") && !SearchMode.SPLADE.tag().equals(body.get("mode").asText())) {
                throw ApiException.badRequest("a query of raw 'terms' has no text for BM25: its mode can only be 'splade'");
            }
            respond(ctx, null, queries.fromTerms(body.get("terms")), k, offset, explain, started);
        }
    }

    private void respondToText(Context ctx, String text, SearchOptions options, int k, int offset, boolean explain, long started) {
        if (options.mode() == SearchMode.SPLADE) {
            respond(ctx, text, queries.fromText(text), k, offset, explain, started);
            return;
        }
        // BM25 alone runs no model.
        SparseVector splade = options.mode().usesSplade() ? queries.fromText(text) : null;
        Bm25Query bm25 = Bm25Query.of(analyzer.queryTerms(text));
        Set<String> snippetWords = new java.util.HashSet<>(Snippets.words(text));
        if (splade != null) {
            snippetWords.addAll(local.snippetWords(splade));
        }
        HybridSearch.Result result = hybrid.search(new HybridSearch.Request(options.mode(), splade, bm25, defaults.bm25(),
                options.fusion(), k, offset, explain, snippetWords));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", text);
        body.put("k", k);
        body.put("offset", offset);
        body.put("mode", options.mode().tag());
        if (options.mode() == SearchMode.HYBRID) {
            body.put("fusion", fusionView(options, result.candidates()));
        }
        if (splade != null) {
            body.put("query_terms", queries.describe(splade));
        }
        body.put("bm25_terms", bm25Terms(bm25, result.scoring()));
        body.put("hits", result.hits());
        finish(ctx, body, result.answered().size(), result.totalPartitions(), result.partial(), started);
    }

    private static Map<String, Object> fusionView(SearchOptions options, int candidates) {
        Map<String, Object> fusion = new LinkedHashMap<>();
        fusion.put("method", options.fusion().method().tag());
        fusion.put("weight", options.fusion().spladeWeight());
        if (options.fusion().method() == FusionMethod.RRF) {
            fusion.put("rrf_k", options.fusion().rrfK());
        }
        fusion.put("candidates", candidates);
        return fusion;
    }

    /** The analysed query terms, each with its count and, when some document holds it, its cluster-wide df and idf. */
    private static List<Map<String, Object>> bm25Terms(Bm25Query query, Bm25Scoring scoring) {
        Map<String, Bm25Scoring.ScoredTerm> scored = new java.util.HashMap<>();
        scoring.terms().forEach(t -> scored.put(t.term(), t));
        List<Map<String, Object>> terms = new java.util.ArrayList<>();
        query.termCounts().forEach((term, count) -> {
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

    /** Phase one of another instance's BM25 search: this instance's partitions' statistics of the terms. */
    void internalStatistics(Context ctx) {
        JsonNode body = jsonBody(ctx);
        List<String> terms = List.of(read(body.get("terms"), String[].class, "'terms', a list of analysed terms"));
        ctx.json(Map.of("partitions", local.lexicalStatistics(terms)));
    }

    /** Phase two: this instance's candidates by each side asked for. */
    void internalCandidates(Context ctx) {
        JsonNode body = jsonBody(ctx);
        int n = intField(body, "n", DEFAULT_K, 1, maxK);
        ctx.json(local.candidates(spladeOf(body), lexicalOf(body), n));
    }

    /** Phase three: titles, snippets and explanations of hits held here. */
    void internalDress(Context ctx) {
        JsonNode body = jsonBody(ctx);
        List<String> ids = List.of(read(body.get("ids"), String[].class, "'ids'"));
        Set<String> words = body.hasNonNull("snippet_words") ? Set.of(read(body.get("snippet_words"), String[].class, "'snippet_words'")) : Set.of();
        ctx.json(Map.of("hits", local.dress(ids, spladeOf(body), lexicalOf(body), body.path("explain").asBoolean(false), words)));
    }

    private static SparseVector spladeOf(JsonNode body) {
        JsonNode s = body.get("splade");
        if (s == null || s.isNull()) {
            return null;
        }
        try {
            return new SparseVector(read(s.get("ids"), int[].class, "'splade.ids'"), read(s.get("weights"), float[].class, "'splade.weights'"));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("'splade' is not a valid sparse vector: " + e.getMessage());
        }
    }

    private static LexicalSearchSpec lexicalOf(JsonNode body) {
        JsonNode b = body.get("bm25");
        return b == null || b.isNull() ? null : read(b, LexicalSearchSpec.class, "'bm25'");
    }

    private static <T> T read(JsonNode node, Class<T> type, String what) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("internal request without " + what);
        }
        try {
            return JsonSerde.MAPPER.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("internal request with an unreadable " + what + ": " + e.getMessage());
        }
    }

    private void respond(Context ctx, String text, SparseVector query, int k, int offset, boolean explain, long started) {
        ClusterSearch.Result result = cluster.search(query, k, offset, explain);
        Map<String, Object> body = new LinkedHashMap<>();
        if (text != null) {
            body.put("query", text);
        }
        body.put("k", k);
        body.put("offset", offset);
        body.put("mode", SearchMode.SPLADE.tag());
        body.put("query_terms", queries.describe(query));
        body.put("hits", result.hits());
        finish(ctx, body, result.answered().size(), result.totalPartitions(), result.partial(), started);
    }

    private void finish(Context ctx, Map<String, Object> body, int answered, int total, boolean partial, long started) {
        body.put("partitions", Map.of("answered", answered, "total", total));
        body.put("partial", partial);
        double tookMs = (System.nanoTime() - started) / 1e6;
        body.put("took_ms", Math.round(tookMs * 100) / 100.0);
        metrics.searched(System.nanoTime() - started, partial);
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
