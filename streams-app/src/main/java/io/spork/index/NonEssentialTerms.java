package io.spork.index;

/**
 * MaxScore inside one window of ordinals: the query terms whose window bounds, smallest first, sum
 * (widened) below the cut are non-essential, since a document holding only those cannot reach the
 * top-k (the split stops at a share of the cut, {@link #SHARE_OF_CUT}). {@link WindowScorer} adds up the essential terms alone; a document becomes pending when
 * that partial bound plus the non-essential bounds can still reach the cut, and only then are the
 * non-essential terms' postings looked up for it (decoding just the blocks that hold a pending
 * document), largest bound first, dropping it as soon as it can no longer reach the cut. A pending
 * document that survives has its full upper bound, exactly as if every term had been added.
 */
final class NonEssentialTerms {
    /**
     * The share of the cut the non-essential bounds may sum to. At the whole cut (classic MaxScore)
     * nearly every document that an essential term touches stays pending, and refining them costs
     * more than the postings saved; a third of it keeps few pending and still leaves out the
     * lightest terms (measured at 100,000 and 1,000,000 msmarco-shape documents: 0.35 beat 0, 0.6 and 1).
     */
    static final float SHARE_OF_CUT = 0.35f;

    private NonEssentialTerms() {
    }

    /**
     * Orders the window's terms by ascending window bound ({@link WindowScratch#byBound}) and
     * returns how many of the first are non-essential: the longest prefix whose widened sum stays
     * below the scratch's share of the cut (none while the cut is 0). Any share below 1 is exact.
     */
    static int split(WindowScratch scratch, int m, float slack, float cut) {
        int[] byBound = scratch.byBound;
        float[] bound = scratch.windowBound;
        for (int i = 0; i < m; i++) {
            int j = i;
            float b = bound[i];
            while (j > 0 && bound[byBound[j - 1]] > b) {
                byBound[j] = byBound[j - 1];
                j--;
            }
            byBound[j] = i;
        }
        float sum = 0f;
        int n = 0;
        float limit = cut * scratch.share;
        while (n < m && (sum + bound[byBound[n]]) * slack < limit) {
            sum += bound[byBound[n]];
            n++;
        }
        return n;
    }

    /**
     * Finishes a window whose essential terms (positions nonEssential.. of byBound) were added:
     * collects the pending documents, refines them against the non-essential terms and offers
     * the survivors.
     */
    static void refine(int s, SealedSegment segment, int base, int length, int nonEssential, LiveSet live, float slack, float error,
                       float floor, WindowScratch scratch, LowerBounds lower, Candidates candidates, SearchStats stats) {
        float[] up = scratch.up;
        int[] byBound = scratch.byBound;
        float remaining = 0f;
        for (int i = 0; i < nonEssential; i++) {
            remaining += scratch.windowBound[byBound[i]];
        }
        float cut = WindowScorer.cut(lower, floor);
        int[] pending = scratch.pendingOrdinal;
        float[] partial = scratch.pendingUpper;
        int n = 0;
        float filter = WindowScorer.filter(cut, slack, remaining);
        for (int d = 0; d < length; d++) {
            float upper = up[d];
            if (upper < filter || (upper + remaining) * slack < cut || !live.get(base + d)) {
                continue;
            }
            pending[n] = d;
            partial[n++] = upper;
        }
        if (stats != null) {
            stats.pending += n;
        }
        for (int i = nonEssential - 1; i >= 0 && n > 0; i--) {
            int j = byBound[i];
            float termBound = scratch.windowBound[j];
            if (termBound == 0f) {
                break;
            }
            addTo(segment, scratch, j, base, base + length, pending, partial, n, stats);
            remaining -= termBound;
            n = retain(pending, partial, n, remaining, slack, cut);
        }
        for (int c = 0; c < n; c++) {
            WindowScorer.offer(s, base + pending[c], partial[c], slack, error, floor, lower, candidates, stats);
        }
    }

    /** Adds term j's contributions to the pending documents, reading only its blocks in [base, limit) that hold one. */
    private static void addTo(SealedSegment segment, WindowScratch scratch, int j, int base, int limit, int[] pending, float[] partial,
                              int n, SearchStats stats) {
        int t = scratch.termIndex[j];
        float[] weightOfCode = scratch.weightOfCode[j];
        int c = 0;
        for (int b = scratch.block[j]; b < scratch.end[j] && c < n; b++) {
            int first = WindowScorer.firstOrdinal(segment, t, b);
            if (first >= limit) {
                return;
            }
            if (first < base && scratch.inCarry(j, first, segment.blockLast[b], base)) {
                // Added whole by the previous window, tail included: already in the partial bounds.
                continue;
            }
            int last = segment.blockLast[b] - base;
            while (c < n && pending[c] < first - base) {
                c++;
            }
            if (c == n || pending[c] > last) {
                continue;
            }
            if (stats != null) {
                stats.refinedBlocks++;
            }
            c = segment.addToPending(t, b, base, weightOfCode, pending, partial, c, n);
        }
    }

    /** Keeps the pending documents that can still reach the cut with the bounds of the terms not yet looked up; returns how many. */
    private static int retain(int[] pending, float[] partial, int n, float remaining, float slack, float cut) {
        int kept = 0;
        for (int c = 0; c < n; c++) {
            if ((partial[c] + remaining) * slack >= cut) {
                pending[kept] = pending[c];
                partial[kept++] = partial[c];
            }
        }
        return kept;
    }
}
