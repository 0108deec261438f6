package io.spork.api;

import io.spork.cluster.InstanceAddress;
import io.spork.schema.search.PeerProtocol;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import io.spork.search.PeerTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Asks another Spork instance one phase of a search over HTTP ({@code POST /internal/search}). */
final class PeerSearchClient implements PeerTransport {
    private final HttpClient client;
    private final Duration timeout;

    PeerSearchClient(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

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
}
