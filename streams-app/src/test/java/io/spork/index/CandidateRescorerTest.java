package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Candidates are rescored best upper bound first, and rescoring stops once no later one can enter. */
class CandidateRescorerTest {
    @Test
    void sortsPositionsByUpperBoundHighestFirstAndTiesByPosition() {
        int[] positions = {0, 1, 2, 3, 4};
        CandidateRescorer.sortByUpperDescending(positions, new float[] {0.5f, 3f, 0f, 3f, 1e-30f});
        assertArrayEquals(new int[] {1, 3, 0, 4, 2}, positions);
    }

    @Test
    void stopsWhenTheNextUpperBoundIsBelowTheKthExactScore() {
        SegmentBuilder builder = new SegmentBuilder();
        String[] ids = {"a", "b", "c", "d"};
        float[] exact = {1f, 4f, 2f, 0.5f};
        for (int d = 0; d < ids.length; d++) {
            builder.posting(1, builder.document(ids[d], d, 1), exact[d]);
        }
        SealedSegment segment = builder.build(0);
        IndexView view = new IndexView(List.of(segment), List.of(LiveSet.allLive(4)), new GrowingSegment(1), 0, LiveSet.allLive(0), 4, 4);
        Candidates candidates = new Candidates();
        float[] upper = {1.1f, 4.2f, 2.1f, 0.6f};
        for (int d = 0; d < ids.length; d++) {
            candidates.add(0, d, upper[d]);
        }
        List<String> rescored = new ArrayList<>();
        VectorLookup lookup = (id, sequence) -> {
            rescored.add(id);
            int d = (int) sequence;
            return new SparseVector(new int[] {1}, new float[] {exact[d]});
        };
        BestHits best = new BestHits(2);
        SearchStats stats = new SearchStats();
        SparseVector query = new SparseVector(new int[] {1}, new float[] {1f});
        CandidateRescorer.rescore(view, query, candidates, 0.7f, lookup, best, stats);
        assertEquals(List.of(new ScoredDocument("b", 4f), new ScoredDocument("c", 2f)), best.hits());
        // b and c fill k = 2 with exact 4 and 2; a's upper bound 1.1 < 2 stops it; d was below the cut.
        assertEquals(List.of("b", "c"), rescored);
        assertEquals(2, stats.rescored);
    }
}
