package io.spork.testing;

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

/** A small JSON-over-HTTP client for end-to-end tests against a running Spork. */
public final class HttpJson {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A status and a parsed JSON body. */
    public record Response(int status, JsonNode body) {
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String baseUrl;

    public HttpJson(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public Response get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE());
    }

    public Response search(String q, int k) {
        return get("/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&k=" + k);
    }

    /** A search ranked by SPLADE alone (scores are dot products, not fused ones). */
    public Response searchSplade(String q, int k) {
        return get("/search?mode=splade&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&k=" + k);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body().isEmpty() ? null : JsonSerde.MAPPER.readTree(r.body());
            return new Response(r.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException("request to " + baseUrl + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
