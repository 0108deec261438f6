package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.schema.SparseVector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The growing segment is scored exactly, dead and non-matching documents left out, only below the published size. */
class GrowingScorerTest {
    @Test
    void scoresLiveGrowingDocumentsExactly() {
        GrowingSegment growing = new GrowingSegment(8);
        SparseVector a = new SparseVector(new int[] {1, 4}, new float[] {0.3f, 0.7f});
        SparseVector b = new SparseVector(new int[] {4}, new float[] {2f});
        SparseVector c = new SparseVector(new int[] {9}, new float[] {1f});
        SparseVector unpublished = new SparseVector(new int[] {4}, new float[] {9f});
        growing.add("a", 0, a);
        growing.add("b", 1, b);
        growing.add("c", 2, c);
        growing.add("late", 3, unpublished);
        IndexView view = new IndexView(List.of(), List.of(), growing, 3, LiveSet.allLive(3).without(1), 2, 3);
        SparseVector query = new SparseVector(new int[] {1, 4}, new float[] {1.5f, 0.25f});
        LowerBounds lower = new LowerBounds(5);
        BestHits best = new BestHits(5);
        GrowingScorer.score(view, query, lower, best);
        assertEquals(List.of(new ScoredDocument("a", ExhaustiveOracle.score(a, query))), best.hits());
        assertEquals(ExhaustiveOracle.topK(Map.of("a", a, "c", c), query, 5), best.hits());
    }
}
