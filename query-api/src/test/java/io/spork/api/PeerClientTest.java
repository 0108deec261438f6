package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.cluster.InstanceAddress;
import io.spork.schema.SparseVector;
import io.spork.schema.search.PeerProtocol;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import io.spork.schema.search.SearchHit;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The peer protocol over real HTTP: the request arrives as sent, the answer comes back typed, a refusal fails the future. */
class PeerClientTest {
    private static InstanceAddress address(BareServer server) {
        URI uri = URI.create(server.url(""));
        return new InstanceAddress(uri.getHost(), uri.getPort());
    }

    @Test
    void aPhaseGoesOverAndItsAnswerComesBack() {
        List<PeerRequest> received = new ArrayList<>();
        try (BareServer peer = BareServer.start(routes -> routes.post(PeerProtocol.PATH, ctx -> {
            received.add(PeerProtocol.readRequest(ctx.bodyAsBytes()));
            ctx.result(PeerProtocol.write(PeerResponse.candidates(List.of(3), List.of(SearchHit.of("a", 2.5f)), List.of())));
        }))) {
            PeerRequest request = PeerRequest.candidates(Set.of(3), new SparseVector(new int[] {5}, new float[] {1f}), null, 7);
            PeerResponse answer = new PeerClient(Duration.ofSeconds(5)).ask(address(peer), request).join();
            assertEquals(List.of(SearchHit.of("a", 2.5f)), answer.splade());
            assertEquals(List.of(3), answer.partitions());
            assertEquals(Set.of(3), received.get(0).partitions());
            assertEquals(7, received.get(0).n());
        }
    }

    @Test
    void aRefusalOrAnUnreachablePeerFailsTheFuture() throws Exception {
        try (BareServer peer = BareServer.start(routes -> routes.post(PeerProtocol.PATH, ctx -> ctx.status(503).result("{}")))) {
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> new PeerClient(Duration.ofSeconds(5)).ask(address(peer), PeerRequest.statistics(null, List.of("x"))).join());
            assertTrue(refused.getMessage().contains("answered 503 to STATISTICS"), refused.getMessage());
        }
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        InstanceAddress gone = new InstanceAddress("127.0.0.1", closedPort);
        assertThrows(CompletionException.class,
                () -> new PeerClient(Duration.ofSeconds(2)).ask(gone, PeerRequest.statistics(null, List.of("x"))).join());
    }

    @Test
    void aDocumentIsAskedByItsEncodedId() throws Exception {
        try (BareServer peer = BareServer.start(routes -> routes.get(PeerClient.DOCUMENT_PATH, ctx -> ctx.result("{\"id\": \"" + ctx.pathParam("id") + "\"}")))) {
            var answer = new PeerClient(Duration.ofSeconds(5)).document(address(peer), "a b/c");
            assertEquals(200, answer.statusCode());
            assertEquals("{\"id\": \"a b/c\"}", new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
