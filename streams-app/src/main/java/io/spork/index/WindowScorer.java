package io.spork.index;

import io.spork.schema.SparseVector;

/**
 * Reads one sealed segment window by window of ordinals, from its 8-bit codes. A window whose
 * block maxima cannot reach the cut (the k-th best lower bound so far, or the floor other
 * partitions set, whichever is higher) is skipped without decoding. In a window that is read, the
 * lightest terms may be non-essential ({@link NonEssentialTerms}, MaxScore): only the others are
 * added up, and a document they bring near the cut is looked up in the light terms' blocks. Every
 * live document whose upper bound still reaches the cut becomes a candidate for rescoring, and
 * its lower bound raises the k-th best. A block is added whole by the window it starts in when it
 * ends within the next one (its tail is carried in the accumulator's second half), so most blocks
 * are read in one fused pass whatever the window edges.
 *
 * <p>Bounds are float sums in another order than the exact scores: they are widened by a relative
 * slack far above float rounding (upper bounds times it, lower bounds divided by it).
 */
final class WindowScorer {
    /** Candidates beyond which those below the cut are dropped while reading. */
    private static final int COMPACT_CANDIDATES = 8192;

    private WindowScorer() {
    }

    /** The relative widening of bounds for a query of this many terms. */
    static float slack(int queryTerms) {
        return 1f + (queryTerms + 4) * 0x1p-20f;
    }

    /**
     * @param s     the segment's position in its view (what a candidate records)
     * @param floor a score no hit below which can enter the result (0 for none)
     */
    static void score(int s, SealedSegment segment, LiveSet live, SparseVector query, int windowShift, float slack, float floor,
                      WindowScratch scratch, LowerBounds lower, Candidates candidates, SearchStats stats) {
        int[] termIndex = scratch.termIndex;
        float[] unit = scratch.unit;
        int m = 0;
        float segmentBound = 0f;
        for (int i = 0; i < query.size(); i++) {
            int t = segment.termIndex(query.idAt(i));
            if (t >= 0) {
                termIndex[m] = t;
                unit[m] = query.weightAt(i) * segment.termScale[t];
                SealedSegment.weightsOfCodes(unit[m], scratch.weightOfCode[m]);
                segmentBound += unit[m] * segment.termMaxCode[t];
                m++;
            }
        }
        if (m == 0 || live.liveCount() == 0) {
            return;
        }
        if (segmentBound * slack < cut(lower, floor)) {
            if (stats != null) {
                stats.skippedSegments++;
            }
            return;
        }
        int[] block = scratch.block;
        int[] end = scratch.end;
        for (int j = 0; j < m; j++) {
            block[j] = segment.termFirstBlock[termIndex[j]];
            end[j] = segment.termFirstBlock[termIndex[j] + 1];
            scratch.decodedBlock[j] = -1;
        }
        // Every matched term's code overstates its weight by less than one unit, so a document's
        // upper bound less the units of all the query's terms is a lower bound of its score: one
        // accumulator per ordinal instead of two. Widened like the bounds (slack).
        float units = 0f;
        for (int j = 0; j < m; j++) {
            units += unit[j];
        }
        float error = units * slack;
        int window = 1 << windowShift;
        int windows = (segment.size() + window - 1) >>> windowShift;
        for (int w = 0; w < windows; w++) {
            int base = w << windowShift;
            int limit = base + window;
            float bound = windowBounds(segment, scratch, m, base, limit);
            if (bound == 0f) {
                dropCarry(scratch, m, window);
                continue;
            }
            if (stats != null) {
                stats.windows++;
            }
            float cut = cut(lower, floor);
            if (bound * slack < cut) {
                if (stats != null) {
                    stats.skippedWindows++;
                }
                dropCarry(scratch, m, window);
                continue;
            }
            int[] byBound = scratch.byBound;
            int nonEssential = NonEssentialTerms.split(scratch, m, slack, cut);
            for (int i = nonEssential; i < m; i++) {
                int j = byBound[i];
                addTerm(segment, termIndex[j], block[j], end[j], base, limit, scratch.weightOfCode[j], scratch, j);
            }
            int length = Math.min(window, segment.size() - base);
            if (nonEssential == 0 || scratch.windowBound[byBound[nonEssential - 1]] == 0f) {
                scan(s, base, length, live, slack, error, floor, scratch.up, lower, candidates, stats);
            } else {
                NonEssentialTerms.refine(s, segment, base, length, nonEssential, live, slack, error, floor, scratch, lower, candidates,
                        stats);
            }
            // Essential terms were added with their blocks' tails; non-essential ones only looked up here.
            for (int i = 0; i < m; i++) {
                scratch.carried[byBound[i]] = i >= nonEssential;
            }
            // The second half holds the tails of blocks added whole: the next window's first.
            float[] up = scratch.up;
            System.arraycopy(up, window, up, 0, window);
            java.util.Arrays.fill(up, window, 2 * window, 0f);
            if (candidates.size > COMPACT_CANDIDATES) {
                candidates.retainAtLeast(cut(lower, floor));
            }
        }
    }

    /** A window not read: the tails carried into it are dropped, and no term carries into the next. */
    private static void dropCarry(WindowScratch scratch, int m, int window) {
        java.util.Arrays.fill(scratch.up, 0, window, 0f);
        for (int j = 0; j < m; j++) {
            scratch.carried[j] = false;
        }
    }

    /**
     * Moves each term's block cursor to its first block that ends at or after base and sets its
     * window bound (unit x the largest code of its blocks overlapping [base, limit)); returns their sum.
     */
    private static float windowBounds(SealedSegment segment, WindowScratch scratch, int m, int base, int limit) {
        int[] block = scratch.block;
        int[] end = scratch.end;
        float bound = 0f;
        for (int j = 0; j < m; j++) {
            int b = block[j];
            int e = end[j];
            while (b < e && segment.blockLast[b] < base) {
                b++;
            }
            block[j] = b;
            int maxCode = 0;
            for (; b < e && firstOrdinal(segment, scratch.termIndex[j], b) < limit; b++) {
                maxCode = Math.max(maxCode, segment.blockMaxCode[b] & 0xFF);
            }
            float termBound = scratch.unit[j] * maxCode;
            scratch.windowBound[j] = termBound;
            bound += termBound;
        }
        return bound;
    }

    /**
     * Reads a window whose terms were all added: every live document whose widened upper bound
     * reaches the cut offers its lower bound and becomes a candidate.
     */
    private static void scan(int s, int base, int length, LiveSet live, float slack, float error, float floor, float[] up,
                             LowerBounds lower, Candidates candidates, SearchStats stats) {
        float cut = cut(lower, floor);
        float filter = filter(cut, slack, 0f);
        for (int d = 0; d < length; d++) {
            float upper = up[d];
            // Most documents fall below the cut: one compare each against a filter a hair below it,
            // the exact test for those above.
            if (upper < filter || upper * slack < cut || !live.get(base + d)) {
                continue;
            }
            offer(s, base + d, upper, slack, error, floor, lower, candidates, stats);
            cut = cut(lower, floor);
            filter = filter(cut, slack, 0f);
        }
    }

    /**
     * The least upper bound u (above 0) for which {@code (u + remaining) * slack >= cut} can hold,
     * less a margin far above float rounding: a value below it fails that test.
     */
    static float filter(float cut, float slack, float remaining) {
        return Math.max(Float.MIN_VALUE, cut / slack - remaining - cut * 0x1p-16f);
    }

    /** A live document's full upper bound: its lower bound raises the k-th best, and it is a candidate if it still reaches the cut. */
    static void offer(int s, int ordinal, float upper, float slack, float error, float floor, LowerBounds lower, Candidates candidates,
                      SearchStats stats) {
        float lowerBound = upper / slack - error;
        if (lowerBound > 0f) {
            lower.offer(lowerBound);
        }
        float widened = upper * slack;
        if (widened >= cut(lower, floor)) {
            candidates.add(s, ordinal, widened);
            if (stats != null) {
                stats.candidates++;
            }
        }
    }

    /**
     * Adds one term's postings in the window [base, limit) to the accumulator: a block that starts
     * in the window and ends before the next one does is decoded and added whole in one pass (its
     * tail lands in the accumulator's second half); one the previous window added whole is
     * skipped; any other (a long block of a sparse term, or one whose first window was not read) is
     * decoded once into the scratch and read by each window it touches, from where the previous one stopped.
     */
    private static void addTerm(SealedSegment segment, int t, int from, int end, int base, int limit, float[] weightOfCode, WindowScratch scratch,
                                int j) {
        float[] up = scratch.up;
        int window = limit - base;
        for (int b = from; b < end; b++) {
            int first = firstOrdinal(segment, t, b);
            if (first >= limit) {
                return;
            }
            int last = segment.blockLast[b];
            if (first >= base) {
                if (last < limit + window) {
                    segment.accumulate(t, b, base, weightOfCode, up);
                    continue;
                }
            } else if (scratch.inCarry(j, first, last, base)) {
                continue;
            }
            scratch.load(segment, j, b);
            int[] os = scratch.ords[j];
            int[] cs = scratch.codes[j];
            // Windows come in order: this block's postings before the cursor belong to earlier ones.
            int p = scratch.cursor[j];
            int count = scratch.count[j];
            while (p < count && os[p] < base) {
                p++;
            }
            for (; p < count && os[p] < limit; p++) {
                up[os[p] - base] += weightOfCode[cs[p]];
            }
            scratch.cursor[j] = p;
        }
    }

    /** The least widened upper bound that can still enter: the k-th best lower bound, or the floor if higher. */
    static float cut(LowerBounds lower, float floor) {
        return Math.max(lower.theta(), floor);
    }

    static int firstOrdinal(SealedSegment segment, int termIndex, int block) {
        return block == segment.termFirstBlock[termIndex] ? 0 : segment.blockLast[block - 1] + 1;
    }
}
