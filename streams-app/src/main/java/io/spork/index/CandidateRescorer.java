package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.Arrays;

/**
 * Rescores the candidates of the sealed segments from their stored float vectors, best upper
 * bound first: once k exact scores are known, a candidate whose upper bound is below the k-th of
 * them cannot enter, and neither can any after it. Each exact score is summed in query order
 * ({@link ExactScore}), so the result equals the exhaustive top-k bit for bit; the quantization
 * error only decides how many candidates are rescored.
 */
final class CandidateRescorer {
    private CandidateRescorer() {
    }

    /** @param cut the least upper bound that can still enter (the k-th best lower bound, or the floor if higher) */
    static void rescore(IndexView view, SparseVector query, Candidates candidates, float cut, VectorLookup lookup, BestHits best,
                        SearchStats stats) {
        int[] order = candidates.atLeast(cut);
        sortByUpperDescending(order, candidates.upper);
        for (int c : order) {
            if (best.full() && candidates.upper[c] < best.kth()) {
                break;
            }
            SealedSegment segment = view.segments().get(candidates.segment[c]);
            int ordinal = candidates.ordinal[c];
            String id = segment.id(ordinal);
            float score = lookup.score(id, segment.sequences[ordinal], query);
            if (stats != null) {
                stats.rescored++;
            }
            if (score > 0f) {
                best.offer(id, score);
            }
        }
    }

    /** Sorts candidate positions by their upper bound, highest first (primitive sort of packed keys, no boxing). */
    static void sortByUpperDescending(int[] positions, float[] upper) {
        long[] keys = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            // Upper bounds are >= 0, so their raw bits order as the floats do; inverted for descending.
            keys[i] = ((long) (Integer.MAX_VALUE - Float.floatToRawIntBits(upper[positions[i]])) << 32) | positions[i];
        }
        Arrays.sort(keys);
        for (int i = 0; i < positions.length; i++) {
            positions[i] = (int) keys[i];
        }
    }
}
