package io.spork.search;

import static io.spork.search.FakeCluster.A;
import static io.spork.search.FakeCluster.B;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.lexical.Bm25Parameters;
import io.spork.lexical.Bm25Query;
import io.spork.schema.SparseVector;
import io.spork.schema.search.HitDetails;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import io.spork.schema.search.SearchHit;
import io.spork.schema.search.TermStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The fan-out, merge, de-duplication, paging, dressing and partial flags, over fake instances. */
class ClusterSearchTest {
    private static final SparseVector QUERY = new SparseVector(new int[] {7}, new float[] {1f});
    private static final FusionSettings FUSION = new FusionSettings(FusionMethod.ZSCORE, 0.5, 60, 4);

    /** A shard with these candidates on each side and these statistics; dresses with "title of <id> at <instance>". */
    private static Function<PeerRequest, PeerResponse> shard(String name, List<Integer> partitions, List<SearchHit> splade,
                                                             List<SearchHit> bm25, Map<Integer, TermStatistics> statistics) {
        return request -> switch (request.phase()) {
            case STATISTICS -> PeerResponse.statistics(statistics);
            case CANDIDATES -> PeerResponse.candidates(partitions, request.splade() == null ? List.of() : splade,
                    request.bm25() == null ? List.of() : bm25);
            case DRESS -> PeerResponse.dressed(request.ids().stream()
                    .map(id -> new HitDetails(id, "title of " + id + " at " + name, "snippet", null, null)).toList());
        };
    }

    private static SearchHit hit(String id, double score) {
        return SearchHit.of(id, score);
    }

    @Test
    void spladeMergesEveryInstancesTopNKeepsADuplicateOnceAndDressesOnlyThePageAtItsHolder() {
        FakeCluster cluster = new FakeCluster(2)
                .instance(A, Set.of(0), shard("A", List.of(0), List.of(hit("a", 5), hit("c", 3)), List.of(), Map.of()))
                .instance(B, Set.of(1), shard("B", List.of(1), List.of(hit("b", 4), hit("c", 3), hit("d", 1)), List.of(), Map.of()));
        SearchPage page = cluster.search().search(SearchRequest.splade(QUERY, 2, 1, false, Set.of("word")));

        assertEquals(List.of("b", "c"), page.hits().stream().map(SearchHit::id).toList(), "ranks 2 and 3 of a, b, c, d");
        assertEquals(4.0, page.hits().get(0).score());
        assertEquals("title of b at B", page.hits().get(0).title());
        assertEquals("title of c at A", page.hits().get(1).title(), "a hit this instance returned is dressed here");
        assertNull(page.hits().get(0).parts(), "SPLADE alone has no parts");
        assertEquals(Set.of(0, 1), page.answered());
        assertFalse(page.partial());
        assertNull(page.scoring());
        PeerRequest toB = cluster.requestsTo(B, PeerRequest.Phase.CANDIDATES).get(0);
        assertEquals(Set.of(1), toB.partitions(), "each instance answers for the partitions the assignment gives it");
        assertEquals(3, toB.n(), "k + offset candidates per partition");
        assertEquals(Set.of(0), cluster.requestsTo(A, PeerRequest.Phase.CANDIDATES).get(0).partitions());
        assertEquals(List.of("b"), cluster.requestsTo(B, PeerRequest.Phase.DRESS).get(0).ids(), "only the page is dressed");
        assertEquals(List.of("c"), cluster.requestsTo(A, PeerRequest.Phase.DRESS).get(0).ids());
        assertEquals(Set.of("word"), cluster.requestsTo(B, PeerRequest.Phase.DRESS).get(0).snippetWords());
        assertTrue(cluster.requestsTo(A, PeerRequest.Phase.STATISTICS).isEmpty(), "SPLADE needs no statistics");
    }

    @Test
    void anInstanceThatDoesNotAnswerMakesThePagePartialAndTheRestIsServed() {
        FakeCluster cluster = new FakeCluster(2)
                .instance(A, Set.of(0), shard("A", List.of(0), List.of(hit("a", 5)), List.of(), Map.of()))
                .instance(B, Set.of(1), null);
        SearchPage page = cluster.search().search(SearchRequest.splade(QUERY, 10, 0, false, Set.of()));
        assertEquals(List.of("a"), page.hits().stream().map(SearchHit::id).toList());
        assertEquals(Set.of(0), page.answered());
        assertEquals(2, page.totalPartitions());
        assertTrue(page.partial());
    }

    @Test
    void aPartitionNoInstanceAnswersForMakesThePagePartial() {
        FakeCluster cluster = new FakeCluster(3)
                .instance(A, Set.of(0), shard("A", List.of(0), List.of(hit("a", 5)), List.of(), Map.of()))
                .instance(B, Set.of(1), shard("B", List.of(1), List.of(), List.of(), Map.of()));
        assertTrue(cluster.search().search(SearchRequest.splade(QUERY, 10, 0, false, Set.of())).partial(), "partition 2 is not served");
    }

    @Test
    void aPageBeyondTheRankingIsEmptyAndDressesNothing() {
        FakeCluster cluster = new FakeCluster(1)
                .instance(A, Set.of(0), shard("A", List.of(0), List.of(hit("a", 5)), List.of(), Map.of()));
        SearchPage page = cluster.search().search(SearchRequest.splade(QUERY, 5, 3, false, Set.of()));
        assertEquals(List.of(), page.hits());
        assertTrue(cluster.requestsTo(A, PeerRequest.Phase.DRESS).isEmpty());
        assertFalse(page.partial());
    }

    @Test
    void aHolderThatDoesNotDressLeavesItsHitsUndressedAndThePagePartial() {
        Function<PeerRequest, PeerResponse> b = shard("B", List.of(1), List.of(hit("b", 9)), List.of(), Map.of());
        FakeCluster cluster = new FakeCluster(2)
                .instance(A, Set.of(0), shard("A", List.of(0), List.of(hit("a", 5)), List.of(), Map.of()))
                .instance(B, Set.of(1), request -> {
                    if (request.phase() == PeerRequest.Phase.DRESS) {
                        throw new IllegalStateException("gone");
                    }
                    return b.apply(request);
                });
        SearchPage page = cluster.search().search(SearchRequest.splade(QUERY, 10, 0, false, Set.of()));
        assertEquals(List.of("b", "a"), page.hits().stream().map(SearchHit::id).toList());
        assertNull(page.hits().get(0).title());
        assertEquals("title of a at A", page.hits().get(1).title());
        assertTrue(page.partial());
    }

    @Test
    void hybridSumsEveryPartitionsStatisticsScoresWithThemAndFusesBothSidesTopN() {
        Map<Integer, TermStatistics> aStats = Map.of(0, new TermStatistics(2, 10, Map.of("heart", 1L)));
        Map<Integer, TermStatistics> bStats = Map.of(1, new TermStatistics(3, 20, Map.of("heart", 2L)));
        List<SearchHit> aSplade = List.of(hit("a", 5), hit("c", 1));
        List<SearchHit> aBm25 = List.of(hit("c", 2.5));
        List<SearchHit> bSplade = List.of(hit("b", 4));
        List<SearchHit> bBm25 = List.of(hit("b", 3), hit("d", 1));
        FakeCluster cluster = new FakeCluster(2)
                .instance(A, Set.of(0), shard("A", List.of(0), aSplade, aBm25, aStats))
                .instance(B, Set.of(1), shard("B", List.of(1), bSplade, bBm25, bStats));
        SearchRequest request = new SearchRequest(SearchMode.HYBRID, QUERY, Bm25Query.of(List.of("heart")), Bm25Parameters.DEFAULT, FUSION,
                3, 0, false, Set.of());
        SearchPage page = cluster.search().search(request);

        PeerRequest candidates = cluster.requestsTo(B, PeerRequest.Phase.CANDIDATES).get(0);
        assertEquals(new TermStatistics(5, 30, Map.of("heart", 3L)), candidates.bm25().statistics(), "the cluster's statistics");
        assertEquals(4, candidates.n(), "the fusion's candidates, more than the page");
        assertEquals(List.of("heart"), cluster.requestsTo(B, PeerRequest.Phase.STATISTICS).get(0).terms());
        List<SearchHit> expected = Fusion.fuse(List.of(hit("a", 5), hit("b", 4), hit("c", 1)), List.of(hit("b", 3), hit("c", 2.5), hit("d", 1)),
                FUSION).subList(0, 3);
        assertEquals(expected.stream().map(SearchHit::id).toList(), page.hits().stream().map(SearchHit::id).toList());
        assertEquals(expected.get(0).score(), page.hits().get(0).score(), 1e-12);
        assertNotNull(page.hits().get(0).parts());
        assertEquals(5, page.scoring().statistics().documentCount());
        assertEquals(4, page.candidates());
        assertFalse(page.partial());
    }

    @Test
    void aPartitionCountedInTheStatisticsButMissingFromTheCandidatesMakesThePagePartial() {
        Map<Integer, TermStatistics> stats = Map.of(0, new TermStatistics(1, 1, Map.of()), 1, new TermStatistics(1, 1, Map.of()));
        FakeCluster cluster = new FakeCluster(2)
                .instance(A, Set.of(0, 1), shard("A", List.of(0), List.of(), List.of(hit("a", 1)), stats));
        SearchRequest request = new SearchRequest(SearchMode.BM25, null, Bm25Query.of(List.of("x")), Bm25Parameters.DEFAULT, FUSION,
                10, 0, false, Set.of());
        assertTrue(cluster.search().search(request).partial(), "partition 1 moved between the phases");
    }

    @Test
    void bm25AloneRanksByBm25WithItsPartAndRunsNoSpladeSide() {
        FakeCluster cluster = new FakeCluster(1)
                .instance(A, Set.of(0), shard("A", List.of(0), List.of(hit("s", 99)), List.of(hit("x", 2), hit("y", 3)),
                        Map.of(0, new TermStatistics(2, 4, Map.of()))));
        SearchRequest request = new SearchRequest(SearchMode.BM25, QUERY, Bm25Query.of(List.of("x")), Bm25Parameters.DEFAULT, FUSION,
                10, 0, false, Set.of());
        SearchPage page = cluster.search().search(request);
        assertEquals(List.of("y", "x"), page.hits().stream().map(SearchHit::id).toList());
        assertEquals(2, page.hits().get(1).parts().bm25().rank());
        assertNull(page.hits().get(1).parts().splade());
        assertNull(cluster.requestsTo(A, PeerRequest.Phase.CANDIDATES).get(0).splade(), "BM25 mode searches no SPLADE side");
        assertEquals(10, page.candidates());
    }
}
