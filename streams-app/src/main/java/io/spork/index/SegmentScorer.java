package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.List;

/**
 * Exact top-k by dot product over one {@link IndexView}, in three steps: the growing segment is
 * scored exactly ({@link GrowingScorer}); each sealed segment is read window by window from its
 * 8-bit codes, skipping what cannot reach the top-k and collecting candidates with score bounds
 * ({@link WindowScorer}); the candidates that can still enter are rescored from their stored
 * floats ({@link CandidateRescorer}). The result equals the exhaustive float top-k bit for bit
 * (ties by id ascending).
 */
final class SegmentScorer {
    /** Default log2 of the ordinals per window. */
    static final int WINDOW_SHIFT = 12;

    private SegmentScorer() {
    }

    /**
     * @param floor the floor shared by the partitions of one search (null: this partition alone);
     *              this partition's hits are added to it
     * @param stats what the search did (null: not counted)
     */
    static List<ScoredDocument> search(IndexView view, SparseVector query, int k, VectorLookup lookup, int windowShift,
                                       ScoreFloor floor, SearchStats stats) {
        if (k <= 0 || query.size() == 0) {
            return List.of();
        }
        float slack = WindowScorer.slack(query.size());
        float below = floor == null ? 0f : floor.value();
        LowerBounds lower = new LowerBounds(k);
        BestHits best = new BestHits(k);
        GrowingScorer.score(view, query, lower, best);
        Candidates candidates = new Candidates();
        if (!view.segments().isEmpty()) {
            WindowScratch scratch = new WindowScratch(windowShift, query.size());
            for (int s = 0; s < view.segments().size(); s++) {
                WindowScorer.score(s, view.segments().get(s), view.live().get(s), query, windowShift, slack, below, scratch, lower,
                        candidates, stats);
            }
        }
        CandidateRescorer.rescore(view, query, candidates, WindowScorer.cut(lower, below), lookup, best, stats);
        List<ScoredDocument> hits = best.hits();
        if (floor != null) {
            floor.offer(hits);
        }
        return hits;
    }
}
