package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How Seismic's answers are judged: recall against the exact lists, the fastest configuration at recall 0.99. */
class SeismicPeerTest {
    @Test
    void recallIsTheShareOfTheExactTopKFound() throws Exception {
        List<List<String>> exact = List.of(List.of("d000000001", "d000000002"), List.of("d000000003", "d000000004"));
        JsonNode hits = JsonSerde.MAPPER.readTree("[[2, 1], [3, 9]]");
        assertEquals(0.75, SeismicPeer.recall(hits, exact, 2), 1e-9);
    }

    @Test
    void theFastestConfigurationThatReachesTheRecallIsReported() {
        SeismicPeer.Config slowExact = new SeismicPeer.Config(50, 1.0, 100, 1.0);
        SeismicPeer.Config fastEnough = new SeismicPeer.Config(20, 0.9, 400, 0.992);
        SeismicPeer.Config fastest = new SeismicPeer.Config(10, 0.8, 900, 0.95);
        assertEquals(fastEnough, SeismicPeer.fastestAtRecall(List.of(slowExact, fastEnough, fastest)));
        assertNull(SeismicPeer.fastestAtRecall(List.of(fastest)));
    }
}
