package io.spork.schema.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each phase's request and every part of an answer survive the wire; a malformed request is refused with its reason. */
class PeerProtocolTest {
    private static final SparseVector QUERY = new SparseVector(new int[] {3, 9}, new float[] {0.5f, 2f});
    private static final Bm25Spec BM25 = new Bm25Spec(Map.of("heart", 2), new TermStatistics(10, 120, Map.of("heart", 3L)), 0.9f, 0.4f);

    private static PeerRequest roundTrip(PeerRequest request) {
        return PeerProtocol.readRequest(PeerProtocol.write(request));
    }

    @Test
    void requestsOfEveryPhaseRoundTrip() {
        PeerRequest statistics = PeerRequest.statistics(Set.of(1, 4), List.of("heart", "diseas"));
        assertEquals(statistics, roundTrip(statistics));
        PeerRequest candidates = PeerRequest.candidates(Set.of(0), QUERY, BM25, 25);
        PeerRequest back = roundTrip(candidates);
        assertEquals(candidates.partitions(), back.partitions());
        assertEquals(QUERY.ids().length, back.splade().ids().length);
        assertEquals(2f, back.splade().weightAt(1));
        assertEquals(BM25, back.bm25());
        assertEquals(25, back.n());
        PeerRequest dress = PeerRequest.dress(List.of("a", "b"), null, BM25, true, Set.of("heart"));
        PeerRequest dressBack = roundTrip(dress);
        assertEquals(List.of("a", "b"), dressBack.ids());
        assertNull(dressBack.splade());
        assertTrue(dressBack.explain());
        assertEquals(Set.of("heart"), dressBack.snippetWords());
        assertNull(roundTrip(PeerRequest.candidates(null, QUERY, null, 1)).partitions(), "no partitions named: all served there");
        Map<String, Integer> ordered = new java.util.LinkedHashMap<>();
        for (String term : List.of("zeta", "alpha", "mu", "beta", "omega", "gamma", "delta")) {
            ordered.put(term, 1);
        }
        Bm25Spec spec = new Bm25Spec(ordered, null, 0.9f, 0.4f);
        assertEquals(List.copyOf(ordered.keySet()), List.copyOf(spec.terms().keySet()), "the query's order is kept");
        assertEquals(List.copyOf(ordered.keySet()), List.copyOf(roundTrip(PeerRequest.candidates(null, null, spec, 1)).bm25().terms().keySet()),
                "on every instance");
    }

    @Test
    void answersRoundTrip() {
        PeerResponse candidates = PeerResponse.candidates(List.of(0, 2), List.of(SearchHit.of("a", 1.5f)), List.of(SearchHit.of("b", 0.25)));
        assertEquals(candidates, PeerProtocol.readResponse(PeerProtocol.write(candidates)));
        PeerResponse statistics = PeerResponse.statistics(Map.of(3, new TermStatistics(2, 7, Map.of("x", 1L))));
        PeerResponse back = PeerProtocol.readResponse(PeerProtocol.write(statistics));
        assertEquals(statistics.statistics(), back.statistics(), "partition numbers survive as map keys");
        assertEquals(List.of(3), back.partitions());
        HitDetails details = new HitDetails("a", "Title", "snippet", List.of(new TermContribution("heart", 3, 0.5f, 2f, 1f)),
                List.of(new Bm25Contribution("heart", 1, 2, 3L, 1.5f, 40, 2.25f)));
        PeerResponse dressed = PeerResponse.dressed(List.of(details));
        assertEquals(dressed, PeerProtocol.readResponse(PeerProtocol.write(dressed)));
        String json = new String(PeerProtocol.write(dressed), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"bm25_explain\"") && json.contains("\"query_weight\"") && json.contains("\"document_length\""), json);
    }

    @Test
    void aMalformedRequestIsRefusedSayingWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PeerProtocol.readRequest("{\"n\": 3}".getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("needs a 'phase'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PeerProtocol.readRequest("{\"phase\": \"CANDIDATES\", \"n\": 0}".getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("'n' >= 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PeerProtocol.readRequest("{\"phase\": \"DRESS\"}".getBytes(StandardCharsets.UTF_8))).getMessage().contains("'ids'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PeerProtocol.readRequest("{\"phase\": \"STATISTICS\"}".getBytes(StandardCharsets.UTF_8))).getMessage().contains("'terms'"));
        assertThrows(IllegalArgumentException.class, () -> PeerProtocol.readRequest("not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class, () -> PeerProtocol.readRequest(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> PeerProtocol.readRequest(("{\"phase\": \"CANDIDATES\", \"n\": 2, "
                + "\"splade\": {\"ids\": [2, 1], \"weights\": [1, 1]}}").getBytes(StandardCharsets.UTF_8)), "ids must ascend");
    }
}
