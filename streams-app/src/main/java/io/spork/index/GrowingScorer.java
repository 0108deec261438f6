package io.spork.index;

import io.spork.schema.SparseVector;

/**
 * Scores the growing segment of a view exactly: its postings hold float weights, added term by
 * term in query order into a float accumulator, so a growing document's score is its exact one.
 */
final class GrowingScorer {
    private GrowingScorer() {
    }

    /** Offers every live growing document that scores above 0 to both heaps. */
    static void score(IndexView view, SparseVector query, LowerBounds lower, BestHits best) {
        int size = view.growingSize();
        if (size == 0) {
            return;
        }
        GrowingSegment growing = view.growing();
        float[] acc = new float[size];
        for (int i = 0; i < query.size(); i++) {
            GrowingSegment.TermPostings list = growing.term(query.idAt(i));
            if (list == null) {
                continue;
            }
            int n = list.size;
            int[] ords = list.ordinals;
            float[] ws = list.weights;
            float q = query.weightAt(i);
            for (int p = 0; p < n; p++) {
                int o = ords[p];
                if (o >= size) {
                    break;
                }
                acc[o] += q * ws[p];
            }
        }
        LiveSet live = view.growingLive();
        for (int d = 0; d < size; d++) {
            if (acc[d] > 0f && live.get(d)) {
                lower.offer(acc[d]);
                best.offer(growing.id(d), acc[d]);
            }
        }
    }
}
