package io.spork.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import io.spork.schema.SparseVector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another Spork instance to search its own partitions ({@code POST /internal/search}) with
 * an already-encoded query, so the query is encoded once, on the instance that received it.
 */
public final class PeerSearchClient {
    public static final String PATH = "/internal/search";

    private final HttpClient client;
    private final Duration timeout;

    public PeerSearchClient(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @param partitions the partitions the peer is to answer for: those the asking instance's metadata gives it */
    public CompletableFuture<LocalSearch.Result> search(HostInfo peer, SparseVector query, int n, boolean explain, java.util.Set<Integer> partitions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partitions", partitions);
        body.put("ids", query.ids());
        body.put("weights", query.weights());
        body.put("n", n);
        body.put("explain", explain);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + PATH))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonSerde.MAPPER.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("peer " + peer + " answered " + response.statusCode());
            }
            return parse(response.body());
        });
    }

    private static LocalSearch.Result parse(byte[] body) {
        try {
            JsonNode json = JsonSerde.MAPPER.readTree(body);
            List<HitView> hits = new ArrayList<>();
            for (JsonNode h : json.path("hits")) {
                hits.add(JsonSerde.MAPPER.treeToValue(h, HitView.class));
            }
            List<Integer> partitions = new ArrayList<>();
            json.path("partitions").forEach(p -> partitions.add(p.asInt()));
            return new LocalSearch.Result(hits, partitions);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer from a peer: " + e.getMessage(), e);
        }
    }
}
