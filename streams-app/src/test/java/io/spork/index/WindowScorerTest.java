package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import org.junit.jupiter.api.Test;

/** Window scoring: candidates carry upper bounds at least their exact score; what cannot reach the cut is skipped. */
class WindowScorerTest {
    private static final int WINDOW_SHIFT = 3;

    private static SealedSegment segment(int documents) {
        SegmentBuilder builder = new SegmentBuilder();
        for (int d = 0; d < documents; d++) {
            int ordinal = builder.document("d" + d, d, 2);
            builder.posting(1, ordinal, 0.1f + d);
            builder.posting(2, ordinal, 0.3f);
        }
        return builder.build(0);
    }

    @Test
    void everyLiveMatchingDocumentIsACandidateWithAnUpperBoundAboveItsScore() {
        SealedSegment s = segment(20);
        SparseVector query = new SparseVector(new int[] {1, 2}, new float[] {1f, 2f});
        Candidates candidates = new Candidates();
        SearchStats stats = new SearchStats();
        WindowScorer.score(0, s, LiveSet.allLive(20).without(7), query, WINDOW_SHIFT, WindowScorer.slack(2), 0f,
                new WindowScratch(WINDOW_SHIFT, 2), new LowerBounds(50), candidates, stats);
        assertEquals(19, candidates.size, "all but the dead one");
        for (int c = 0; c < candidates.size; c++) {
            int d = candidates.ordinal[c];
            float exact = (0.1f + d) * 1f + 0.3f * 2f;
            assertTrue(candidates.upper[c] >= exact, "upper bound of d" + d);
            assertTrue(d != 7);
        }
        assertEquals(3, stats.windows, "20 ordinals in windows of 8");
    }

    @Test
    void aFloorAboveTheSegmentsBoundSkipsItAndOneAboveSomeWindowsSkipsThose() {
        // One term, weight 0.1 + ordinal / 10: blocks of 128 postings fill windows of 128 ordinals.
        int shift = 7;
        SegmentBuilder builder = new SegmentBuilder();
        for (int d = 0; d < 384; d++) {
            builder.posting(1, builder.document("d" + d, d, 1), 0.1f + d / 10f);
        }
        SealedSegment s = builder.build(0);
        SparseVector query = new SparseVector(new int[] {1}, new float[] {1f});
        SearchStats stats = new SearchStats();
        Candidates none = new Candidates();
        WindowScorer.score(0, s, LiveSet.allLive(384), query, shift, WindowScorer.slack(1), 100f, new WindowScratch(shift, 1),
                new LowerBounds(1), none, stats);
        assertEquals(1, stats.skippedSegments);
        assertEquals(0, none.size);
        Candidates some = new Candidates();
        SearchStats windows = new SearchStats();
        // The first two windows top out at 12.8 and 25.6, below the floor.
        WindowScorer.score(0, s, LiveSet.allLive(384), query, shift, WindowScorer.slack(1), 26f, new WindowScratch(shift, 1),
                new LowerBounds(1), some, windows);
        assertEquals(3, windows.windows);
        assertEquals(2, windows.skippedWindows);
        assertTrue(some.size > 0, "the last window has candidates");
        for (int c = 0; c < some.size; c++) {
            assertTrue(some.ordinal[c] >= 256 && some.upper[c] >= 26f, "candidate " + some.ordinal[c]);
        }
        assertEquals(16.5f, WindowScorer.cut(new LowerBounds(3), 16.5f));
    }
}
