package io.spork.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends queries to Spork's {@code GET /search?q=TEXT&k=K} like any HTTP client would, and reads
 * the hits (id, score) of the answer. A partial answer (some partitions unreachable) is an error.
 */
final class SearchApiClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final int HTTP_OK = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final String baseUrl;

    SearchApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The top-k hits of a query, in the order the API returned them. */
    List<RankedHit> search(String queryText, int k) {
        return search(queryText, k, null);
    }

    /** The same in a given search mode (hybrid, splade, bm25; null: the server's default). */
    List<RankedHit> search(String queryText, int k, String mode) {
        return searchWith(queryText, k, mode == null ? "" : "&mode=" + mode);
    }

    /** The same with more query parameters, given as "&name=value..." (already URL-encoded). */
    List<RankedHit> searchWith(String queryText, int k, String parameters) {
        URI uri = URI.create(baseUrl + "/search?q=" + URLEncoder.encode(queryText, StandardCharsets.UTF_8) + "&k=" + k + parameters);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EvalException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvalException("interrupted during GET " + uri, e);
        }
        if (response.statusCode() != HTTP_OK) {
            throw new EvalException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return hits(response.body());
    }

    static List<RankedHit> hits(String body) {
        JsonNode hits;
        try {
            JsonNode answer = JsonSerde.MAPPER.readTree(body);
            if (answer.path("partial").asBoolean(false)) {
                throw new EvalException("the search answered from only some partitions: " + answer.path("partitions"));
            }
            hits = answer.path("hits");
        } catch (IOException e) {
            throw new EvalException("the search API answered something that is not JSON: " + e.getMessage(), e);
        }
        List<RankedHit> ranked = new ArrayList<>(hits.size());
        for (JsonNode hit : hits) {
            ranked.add(new RankedHit(hit.path("id").asText(), hit.path("score").floatValue()));
        }
        return ranked;
    }
}
