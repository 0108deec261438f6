package io.spork.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.spork.lexical.Bm25Query;
import io.spork.lexical.LexicalAnalyzer;
import io.spork.metrics.SporkMetrics;
import io.spork.schema.JsonSerde;
import io.spork.schema.SparseVector;
import io.spork.schema.search.PeerProtocol;
import io.spork.schema.search.PeerRequest;
import io.spork.search.ClusterSearch;
import io.spork.search.Shard;
import io.spork.search.QueryEncoder;
import io.spork.search.RequestException;
import io.spork.search.SearchDefaults;
import io.spork.search.SearchMode;
import io.spork.search.SearchPage;
import io.spork.search.SearchRequest;
import io.spork.search.Snippets;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /search?q=TEXT&k=10&offset=0&explain=false&mode=hybrid}, {@code POST /search} (JSON:
 * text or raw terms) and the instance-to-instance {@code POST /internal/search}. The query is
 * encoded and analysed once, here; {@link ClusterSearch} does the rest.
 */
final class SearchResource {
    static final int DEFAULT_K = 10;
    private static final Set<String> GET_PARAMS = union(Set.of("q", "k", "offset", "explain"), SearchOptions.NAMES);
    private static final Set<String> POST_FIELDS = union(Set.of("text", "terms", "k", "offset", "explain"), SearchOptions.NAMES);

    private final QueryEncoder queries;
    private final LexicalAnalyzer analyzer;
    private final ClusterSearch cluster;
    private final Shard local;
    private final SearchDefaults defaults;
    private final SearchAnswers answers;
    private final int maxK;
    private final int maxQueryChars;

    SearchResource(QueryEncoder queries, LexicalAnalyzer analyzer, ClusterSearch cluster, Shard local, SearchDefaults defaults,
                   SporkMetrics metrics, int maxK, int maxQueryChars) {
        this.queries = queries;
        this.analyzer = analyzer;
        this.cluster = cluster;
        this.local = local;
        this.defaults = defaults;
        this.answers = new SearchAnswers(queries, metrics);
        this.maxK = maxK;
        this.maxQueryChars = maxQueryChars;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
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
        byText(ctx, q, SearchOptions.of(ctx, defaults, maxK), k, offset, explain, started);
    }

    void post(Context ctx) {
        long started = System.nanoTime();
        JsonNode body = jsonBody(ctx);
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!POST_FIELDS.contains(field)) {
                throw RequestException.invalid("unknown field '" + RequestException.abbreviate(field) + "'; a search takes " + POST_FIELDS);
            }
            if (body.get(field).isNull()) {
                throw RequestException.invalid("'" + field + "' is null; leave it out for its default");
            }
        }
        int offset = intField(body, "offset", 0, 0, maxK - 1);
        int k = withinMaxK(intField(body, "k", DEFAULT_K, 1, maxK), offset);
        JsonNode explainNode = body.path("explain");
        if (!explainNode.isMissingNode() && !explainNode.isBoolean()) {
            throw RequestException.invalid("'explain' must be true or false");
        }
        boolean explain = explainNode.asBoolean(false);
        boolean hasText = body.hasNonNull("text");
        if (hasText == body.hasNonNull("terms")) {
            throw RequestException.invalid("give either 'text' (encoded by the model) or 'terms' (a raw sparse query), not both or neither");
        }
        if (hasText) {
            JsonNode text = body.get("text");
            if (!text.isTextual() || text.asText().isBlank() || RequestParams.characters(text.asText()) > maxQueryChars) {
                throw RequestException.invalid("'text' must be a non-blank string of at most " + maxQueryChars + " characters");
            }
            byText(ctx, text.asText(), SearchOptions.of(body, defaults, maxK), k, offset, explain, started);
        } else {
            // The fusion fields are checked as for a text query, although a search by terms uses none.
            SearchOptions options = SearchOptions.of(body, defaults, maxK);
            if (body.hasNonNull("mode") && !SearchMode.SPLADE.tag().equals(body.get("mode").asText())) {
                throw RequestException.invalid("a query of raw 'terms' has no text for BM25: its mode can only be 'splade'");
            }
            SparseVector query = queries.fromTerms(weights(body.get("terms")));
            respond(ctx, null, options, SearchRequest.splade(query, k, offset, explain, queries.snippetWords(query)), started);
        }
    }

    private void byText(Context ctx, String text, SearchOptions options, int k, int offset, boolean explain, long started) {
        SearchMode mode = options.mode();
        // BM25 alone runs no model.
        SparseVector splade = mode.usesSplade() ? queries.fromText(text) : null;
        Set<String> snippetWords = new HashSet<>(splade == null ? Set.of() : queries.snippetWords(splade));
        if (mode != SearchMode.SPLADE) {
            snippetWords.addAll(Snippets.words(text));
        }
        Bm25Query bm25 = mode.usesBm25() ? Bm25Query.of(analyzer.queryTerms(text)) : null;
        respond(ctx, text, options, new SearchRequest(mode, splade, bm25, defaults.bm25(), options.fusion(), k, offset, explain,
                snippetWords), started);
    }

    private void respond(Context ctx, String text, SearchOptions options, SearchRequest request, long started) {
        SearchPage page = cluster.search(request);
        ctx.json(answers.render(text, options, request, page, started));
    }

    /** Another instance asks one phase of a search of this one's partitions, with the query already encoded. */
    void internal(Context ctx) {
        PeerRequest request;
        try {
            request = PeerProtocol.readRequest(ctx.bodyAsBytes());
            if (request.n() > maxK) {
                throw new IllegalArgumentException("'n' must be at most " + maxK + ", got " + request.n());
            }
            ctx.contentType("application/json").result(PeerProtocol.write(local.answer(request)));
        } catch (IllegalArgumentException e) {
            throw RequestException.invalid("internal search: " + e.getMessage());
        }
    }

    /** Ranks past http.max-k are not served: a page reaching beyond it is cut there (the answer's k says so). */
    private int withinMaxK(int k, int offset) {
        return Math.min(k, maxK - offset);
    }

    /** Raw terms as given, in their order; a weight that is not a number as NaN, which the encoder refuses by name. */
    private static Map<String, Double> weights(JsonNode terms) {
        if (terms == null || !terms.isObject()) {
            return null;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        terms.fields().forEachRemaining(e -> weights.put(e.getKey(), e.getValue().isNumber() ? e.getValue().doubleValue() : Double.NaN));
        return weights;
    }

    private static JsonNode jsonBody(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        try {
            JsonNode body = bytes.length == 0 ? null : JsonSerde.MAPPER.readTree(bytes);
            if (body == null || !body.isObject()) {
                throw RequestException.invalid("the body must be a JSON object, e.g. {\"text\": \"heart disease\", \"k\": 10}");
            }
            return body;
        } catch (IOException e) {
            throw RequestException.invalid("the body is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static int intField(JsonNode body, String name, int defaultValue, int min, int max) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return defaultValue;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw RequestException.invalid("'" + name + "' must be a whole number between " + min + " and " + max);
        }
        int value = v.intValue();
        if (value < min || value > max) {
            throw RequestException.invalid("'" + name + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }
}
