package io.spork.index;

import java.util.List;

/**
 * The k-th best exact score found so far by the partitions that already answered one top-k search
 * over several partitions (0 before k are known). A hit scored below it cannot enter the merged
 * top-k, since k other documents score at least as much: so a partition that answers later skips
 * the windows and candidates whose upper bound is below it, and rescoring, the costly part of a
 * large k (hybrid search asks each side for its top-N), is done about once for the whole search
 * instead of once per partition. Ties stay: only scores strictly below the floor are skipped.
 * Thread-safe: partitions may answer on different threads.
 */
public final class ScoreFloor {
    private final LowerBounds best;

    public ScoreFloor(int k) {
        best = new LowerBounds(Math.max(1, k));
    }

    public synchronized float value() {
        return best.theta();
    }

    /** Adds one partition's exact hits. */
    public synchronized void offer(List<ScoredDocument> hits) {
        for (ScoredDocument hit : hits) {
            best.offer(hit.score());
        }
    }
}
