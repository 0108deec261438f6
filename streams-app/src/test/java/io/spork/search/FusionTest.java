package io.spork.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.search.RankedPart;
import io.spork.schema.search.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Normalised linear fusion and RRF: values, ordering, ties, missing sides, weights at the ends. */
class FusionTest {
    private static final FusionSettings ZSCORE = new FusionSettings(FusionMethod.ZSCORE, 0.5, 60, 100);
    private static final List<SearchHit> SPLADE = List.of(doc("a", 30), doc("b", 20), doc("c", 10));
    private static final List<SearchHit> BM25 = List.of(doc("c", 9), doc("d", 6), doc("a", 1));

    @Test
    void zScoreFusionAddsWeightedZScoresAndGivesAMissingSideItsLowest() {
        List<SearchHit> fused = Fusion.fuse(SPLADE, BM25, ZSCORE);
        double sd = Math.sqrt(200.0 / 3);
        double bMean = 16.0 / 3;
        double bsd = Math.sqrt(((9 - bMean) * (9 - bMean) + (6 - bMean) * (6 - bMean) + (1 - bMean) * (1 - bMean)) / 3);
        double za = (1 - bMean) / bsd;
        // b is missing from BM25's top-N, d from SPLADE's: each gets that side's lowest z-score.
        assertEquals(0.5 * (10 / sd) + 0.5 * za, score(fused, "a"), 1e-12);
        assertEquals(0.5 * 0 + 0.5 * za, score(fused, "b"), 1e-12);
        assertEquals(0.5 * (-10 / sd) + 0.5 * ((9 - bMean) / bsd), score(fused, "c"), 1e-12);
        assertEquals(0.5 * (-10 / sd) + 0.5 * ((6 - bMean) / bsd), score(fused, "d"), 1e-12);
        assertEquals(List.of("a", "c", "d", "b"), ids(fused));
        SearchHit b = fused.get(3);
        assertEquals(new RankedPart(20, 2, 0), b.parts().splade());
        assertNull(b.parts().bm25(), "b is not in BM25's top-N");
        assertEquals(3, fused.get(0).parts().bm25().rank());
    }

    @Test
    void minMaxScalesEachSideToZeroOne() {
        List<SearchHit> fused = Fusion.fuse(SPLADE, BM25, ZSCORE.withMethod(FusionMethod.MINMAX).withSpladeWeight(0.25));
        assertEquals(0.25 * 1 + 0.75 * 0, score(fused, "a"), 1e-12);
        assertEquals(0.25 * 0.5 + 0.75 * 0, score(fused, "b"), 1e-12);
        assertEquals(0.25 * 0 + 0.75 * 1, score(fused, "c"), 1e-12);
        assertEquals(0.25 * 0 + 0.75 * 0.625, score(fused, "d"), 1e-12);
        assertEquals(List.of("c", "d", "a", "b"), ids(fused));
    }

    @Test
    void rrfUsesRanksOnlyAndAtEqualWeightsRanksAsClassicRrf() {
        List<SearchHit> fused = Fusion.fuse(SPLADE, BM25, ZSCORE.withMethod(FusionMethod.RRF).withRrfK(10));
        assertEquals(0.5 / 11 + 0.5 / 13, score(fused, "a"), 1e-12);
        assertEquals(0.5 / 13 + 0.5 / 11, score(fused, "c"), 1e-12);
        assertEquals(0.5 / 12, score(fused, "b"), 1e-12);
        assertEquals(0.5 / 12, score(fused, "d"), 1e-12);
        // a and c tie exactly, as b and d do: equal scores go by id ascending.
        assertEquals(List.of("a", "c", "b", "d"), ids(fused));
    }

    @Test
    void weightOneOrZeroKeepsOneSidesOrderAndEqualScoresGoById() {
        assertEquals(List.of("a", "b", "c", "d"), ids(Fusion.fuse(SPLADE, BM25, ZSCORE.withSpladeWeight(1))),
                "w = 1: SPLADE's order; d (BM25 only) last with SPLADE's lowest value, tied with c, after it by id");
        assertEquals(List.of("c", "d", "a", "b"), ids(Fusion.fuse(SPLADE, BM25, ZSCORE.withSpladeWeight(0))));
        List<SearchHit> flat = List.of(doc("z", 5), doc("y", 5), doc("x", 5));
        assertEquals(List.of("x", "y", "z"), ids(Fusion.fuse(flat, List.of(), ZSCORE)), "a side of equal scores: all tie");
        assertEquals(List.of("x", "y", "z"), ids(Fusion.fuse(List.of(), flat, ZSCORE.withMethod(FusionMethod.MINMAX))));
    }

    @Test
    void emptySidesAndBadSettings() {
        assertEquals(List.of(), Fusion.fuse(List.of(), List.of(), ZSCORE));
        assertEquals(List.of("c", "d", "a"), ids(Fusion.fuse(List.of(), BM25, ZSCORE)));
        assertThrows(IllegalArgumentException.class, () -> ZSCORE.withSpladeWeight(1.5));
        assertThrows(IllegalArgumentException.class, () -> ZSCORE.withRrfK(0));
        assertThrows(IllegalArgumentException.class, () -> ZSCORE.withCandidates(0));
        assertEquals(100, ZSCORE.candidatesFor(10));
        assertEquals(250, ZSCORE.candidatesFor(250), "never fewer candidates than the page needs");
        assertThrows(IllegalArgumentException.class, () -> FusionMethod.parse("borda"));
    }

    @Test
    void theFusedRankingIsATotalOrderOverBothSidesCandidates() {
        List<SearchHit> s = new java.util.ArrayList<>();
        List<SearchHit> b = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            s.add(doc("s" + i, 100 - i));
            b.add(doc(i % 2 == 0 ? "s" + i : "b" + i, 50 - i * 0.5f));
        }
        List<SearchHit> full = Fusion.fuse(s, b, ZSCORE);
        for (int i = 1; i < full.size(); i++) {
            assertTrue(SearchHit.BEST_FIRST.compare(full.get(i - 1), full.get(i)) < 0, "strictly ordered at " + i);
        }
        assertEquals(45, full.size(), "30 + 15 distinct documents");
    }

    private static double score(List<SearchHit> hits, String id) {
        return hits.stream().filter(h -> h.id().equals(id)).findFirst().orElseThrow().score();
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::id).toList();
    }

    private static SearchHit doc(String id, float score) {
        return SearchHit.of(id, score);
    }
}
