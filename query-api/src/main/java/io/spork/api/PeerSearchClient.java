package io.spork.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import io.spork.lexical.Bm25Statistics;
import io.spork.schema.SparseVector;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another Spork instance to search its own partitions ({@code POST /internal/search}) with
 * an already-encoded query, so the query is encoded once, on the instance that received it.
 */
public final class PeerSearchClient {
    public static final String PATH = "/internal/search";
    public static final String STATISTICS_PATH = "/internal/lexical-statistics";
    public static final String CANDIDATES_PATH = "/internal/candidates";
    public static final String DRESS_PATH = "/internal/dress";

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
        return post(peer, PATH, body).thenApply(PeerSearchClient::parse);
    }

    /** Phase one of a BM25 search: the peer's partitions' statistics of the terms. */
    public CompletableFuture<Map<Integer, Bm25Statistics>> lexicalStatistics(HostInfo peer, Collection<String> terms) {
        return post(peer, STATISTICS_PATH, Map.of("terms", terms)).thenApply(json -> {
            Map<Integer, Bm25Statistics> byPartition = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = json.path("partitions").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                byPartition.put(Integer.parseInt(e.getKey()), read(e.getValue(), Bm25Statistics.class));
            }
            return byPartition;
        });
    }

    /** Phase two: the peer's exact top-n by each side asked for (null: not asked). */
    public CompletableFuture<CandidateLists> candidates(HostInfo peer, SparseVector splade, LexicalSearchSpec bm25, int n) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (splade != null) {
            body.put("splade", Map.of("ids", splade.ids(), "weights", splade.weights()));
        }
        if (bm25 != null) {
            body.put("bm25", bm25);
        }
        body.put("n", n);
        return post(peer, CANDIDATES_PATH, body).thenApply(json -> read(json, CandidateLists.class));
    }

    /** Phase three: titles, snippets and explanations of the peer's hits. */
    public CompletableFuture<List<HitDetails>> dress(HostInfo peer, List<String> ids, SparseVector splade, LexicalSearchSpec bm25,
                                                     boolean explain, Set<String> snippetWords) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", ids);
        if (splade != null) {
            body.put("splade", Map.of("ids", splade.ids(), "weights", splade.weights()));
        }
        if (bm25 != null) {
            body.put("bm25", bm25);
        }
        body.put("explain", explain);
        body.put("snippet_words", snippetWords);
        return post(peer, DRESS_PATH, body).thenApply(json -> {
            List<HitDetails> details = new ArrayList<>();
            json.path("hits").forEach(h -> details.add(read(h, HitDetails.class)));
            return details;
        });
    }

    private CompletableFuture<JsonNode> post(HostInfo peer, String path, Object body) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://" + peer.host() + ":" + peer.port() + path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JsonSerde.MAPPER.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("peer " + peer + " answered " + response.statusCode() + " to " + path);
            }
            try {
                return JsonSerde.MAPPER.readTree(response.body());
            } catch (IOException e) {
                throw new IllegalStateException("unreadable answer from peer " + peer + ": " + e.getMessage(), e);
            }
        });
    }

    private static <T> T read(JsonNode json, Class<T> type) {
        try {
            return JsonSerde.MAPPER.treeToValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer from a peer: " + e.getMessage(), e);
        }
    }

    private static LocalSearch.Result parse(JsonNode json) {
        List<HitView> hits = new ArrayList<>();
        json.path("hits").forEach(h -> hits.add(read(h, HitView.class)));
        List<Integer> partitions = new ArrayList<>();
        json.path("partitions").forEach(p -> partitions.add(p.asInt()));
        return new LocalSearch.Result(hits, partitions);
    }
}
