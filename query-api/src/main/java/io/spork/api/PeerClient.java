package io.spork.api;

import io.spork.cluster.InstanceAddress;
import io.spork.schema.search.PeerProtocol;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import io.spork.search.PeerTransport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What this instance asks another one over HTTP: a phase of a search ({@code POST /internal/search})
 * and a document of its partitions ({@code GET /internal/documents/{id}}).
 */
final class PeerClient implements PeerTransport {
    static final String DOCUMENT_PATH = "/internal/documents/{id}";

    private final HttpClient client;
    private final Duration timeout;

    PeerClient(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** A failed future when the peer does not answer, or answers anything but 200. */
    @Override
    public CompletableFuture<PeerResponse> ask(InstanceAddress peer, PeerRequest request) {
        HttpRequest post;
        try {
            post = HttpRequest.newBuilder(URI.create(peer.url(PeerProtocol.PATH)))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PeerProtocol.write(request)))
                    .build();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return client.sendAsync(post, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("peer " + peer + " answered " + response.statusCode() + " to " + request.phase());
            }
            return PeerProtocol.readResponse(response.body());
        });
    }

    /** The owner's answer as it came: 200 with the document, 404, or 503 while its partition moves. */
    HttpResponse<byte[]> document(InstanceAddress owner, String id) throws IOException, InterruptedException {
        String url = owner.url(DOCUMENT_PATH.replace("{id}", URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")));
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
