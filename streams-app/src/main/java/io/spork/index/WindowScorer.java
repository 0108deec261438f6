package io.spork.index;

import io.spork.schema.SparseVector;

/**
 * Reads one sealed segment window by window of ordinals, from its 8-bit codes. A window whose
 * block maxima cannot reach the cut (the k-th best lower bound so far, or the floor other
 * partitions set, whichever is higher) is skipped without decoding; in a window that is read,
 * every live document whose upper bound still reaches the cut becomes a candidate for rescoring,
 * and its lower bound raises the k-th best.
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
        int[] decodedBlock = scratch.decodedBlock;
        for (int j = 0; j < m; j++) {
            block[j] = segment.termFirstBlock[termIndex[j]];
            end[j] = segment.termFirstBlock[termIndex[j] + 1];
            decodedBlock[j] = -1;
        }
        float[] up = scratch.up;
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
            float bound = 0f;
            boolean any = false;
            for (int j = 0; j < m; j++) {
                while (block[j] < end[j] && segment.blockLast[block[j]] < base) {
                    block[j]++;
                }
                int maxCode = 0;
                for (int b = block[j]; b < end[j] && firstOrdinal(segment, termIndex[j], b) < limit; b++) {
                    maxCode = Math.max(maxCode, segment.blockMaxCode[b] & 0xFF);
                }
                if (maxCode > 0) {
                    bound += unit[j] * maxCode;
                    any = true;
                }
            }
            if (!any) {
                continue;
            }
            if (stats != null) {
                stats.windows++;
            }
            if (bound * slack < cut(lower, floor)) {
                if (stats != null) {
                    stats.skippedWindows++;
                }
                continue;
            }
            for (int j = 0; j < m; j++) {
                addTerm(segment, termIndex[j], block[j], end[j], base, limit, unit[j], scratch, j);
            }
            int length = Math.min(window, segment.size() - base);
            for (int d = 0; d < length; d++) {
                float upper = up[d];
                if (upper == 0f) {
                    continue;
                }
                up[d] = 0f;
                if (!live.get(base + d)) {
                    continue;
                }
                float lowerBound = upper / slack - error;
                if (lowerBound > 0f) {
                    lower.offer(lowerBound);
                }
                float widened = upper * slack;
                if (widened >= cut(lower, floor)) {
                    candidates.add(s, base + d, widened);
                    if (stats != null) {
                        stats.candidates++;
                    }
                }
            }
            if (candidates.size > COMPACT_CANDIDATES) {
                candidates.retainAtLeast(cut(lower, floor));
            }
        }
    }

    /**
     * Adds one term's postings in the window [base, limit) to the accumulator: blocks wholly inside
     * are decoded and added in one pass; a block that straddles the window's edge is decoded once
     * into the scratch and read by each window it touches, from where the previous one stopped.
     */
    private static void addTerm(SealedSegment segment, int t, int from, int end, int base, int limit, float u, WindowScratch scratch,
                                int j) {
        float[] up = scratch.up;
        for (int b = from; b < end; b++) {
            int first = firstOrdinal(segment, t, b);
            if (first >= limit) {
                return;
            }
            if (first >= base && segment.blockLast[b] < limit) {
                segment.accumulate(t, b, base, u, up);
                continue;
            }
            if (scratch.decodedBlock[j] != b) {
                scratch.count[j] = segment.decode(t, b, scratch.ords[j], scratch.codes[j]);
                scratch.decodedBlock[j] = b;
                scratch.cursor[j] = 0;
            }
            int[] os = scratch.ords[j];
            int[] cs = scratch.codes[j];
            // Windows come in order: this block's postings before the cursor belong to earlier ones.
            int p = scratch.cursor[j];
            int count = scratch.count[j];
            while (p < count && os[p] < base) {
                p++;
            }
            for (; p < count && os[p] < limit; p++) {
                up[os[p] - base] += u * cs[p];
            }
            scratch.cursor[j] = p;
        }
    }

    /** The least widened upper bound that can still enter: the k-th best lower bound, or the floor if higher. */
    static float cut(LowerBounds lower, float floor) {
        return Math.max(lower.theta(), floor);
    }

    private static int firstOrdinal(SealedSegment segment, int termIndex, int block) {
        return block == segment.termFirstBlock[termIndex] ? 0 : segment.blockLast[block - 1] + 1;
    }
}
