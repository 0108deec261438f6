package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.List;

/**
 * Exact top-k by dot product over one {@link IndexView}.
 *
 * <p>The growing segment holds float weights and is scored exactly, term by term in query order.
 * A sealed segment holds 8-bit codes, which give every document a lower and an upper bound of its
 * score; it is read window by window of ordinals, and a window whose block maxima cannot reach
 * the k-th best lower bound seen so far (theta) is skipped without decoding. In a window that is
 * read, a document whose upper bound can still reach theta becomes a candidate. At the end every
 * candidate whose upper bound reaches the final theta is rescored from its stored float vector,
 * in query order, as the exhaustive float scorer sums it: so the result equals the exhaustive
 * top-k bit for bit (ties by id ascending), and the quantization error only decides how many
 * candidates are rescored.
 *
 * <p>Bounds are float sums in another order than the exact scores: they are widened by a relative
 * slack far above float rounding (upper bounds times it, lower bounds divided by it).
 */
final class SegmentScorer {
    /** Default log2 of the ordinals per window. */
    static final int WINDOW_SHIFT = 12;
    private static final int COMPACT_CANDIDATES = 8192;

    private SegmentScorer() {
    }

    /** What a search did (tests and diagnostics). */
    static final class Stats {
        long windows;
        long skippedWindows;
        long skippedSegments;
        long candidates;
        long rescored;

        @Override
        public String toString() {
            return "windows " + windows + ", skipped " + skippedWindows + ", skipped segments " + skippedSegments
                    + ", candidates " + candidates + ", rescored " + rescored;
        }
    }

    static List<ScoredDocument> search(IndexView view, SparseVector query, int k, VectorLookup lookup, int windowShift, Stats stats) {
        if (k <= 0 || query.size() == 0) {
            return List.of();
        }
        float slack = 1f + (query.size() + 4) * 0x1p-20f;
        LowerBounds lower = new LowerBounds(k);
        BestHits best = new BestHits(k);
        scoreGrowing(view, query, lower, best);
        Candidates candidates = new Candidates();
        for (int s = 0; s < view.segments().size(); s++) {
            scoreSegment(s, view.segments().get(s), view.live().get(s), query, windowShift, slack, lower, candidates, stats);
        }
        float theta = lower.theta();
        // Best upper bound first: once k exact scores are known, a candidate whose upper bound is
        // below the k-th of them cannot enter, and neither can any after it.
        Integer[] order = candidates.atLeast(theta);
        java.util.Arrays.sort(order, (a, b) -> Float.compare(candidates.upper[b], candidates.upper[a]));
        for (int c : order) {
            if (best.full() && candidates.upper[c] < best.kth()) {
                break;
            }
            SealedSegment segment = view.segments().get(candidates.segment[c]);
            int ordinal = candidates.ordinal[c];
            SparseVector vector = lookup.vector(segment.ids[ordinal], segment.sequences[ordinal]);
            if (stats != null) {
                stats.rescored++;
            }
            if (vector != null) {
                float score = exact(query, vector);
                if (score > 0f) {
                    best.offer(segment.ids[ordinal], score);
                }
            }
        }
        return best.hits();
    }

    /** The float dot product summed in query order (the order the exhaustive scorer adds terms in). */
    static float exact(SparseVector query, SparseVector document) {
        float score = 0f;
        int j = 0;
        for (int i = 0; i < query.size() && j < document.size(); i++) {
            int term = query.idAt(i);
            while (j < document.size() && document.idAt(j) < term) {
                j++;
            }
            if (j < document.size() && document.idAt(j) == term) {
                score += query.weightAt(i) * document.weightAt(j);
            }
        }
        return score;
    }

    private static void scoreGrowing(IndexView view, SparseVector query, LowerBounds lower, BestHits best) {
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

    private static void scoreSegment(int s, SealedSegment segment, LiveSet live, SparseVector query, int windowShift, float slack,
                                     LowerBounds lower, Candidates candidates, Stats stats) {
        int m = 0;
        int[] termIndex = new int[query.size()];
        float[] unit = new float[query.size()];
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
        if (lower.full() && segmentBound * slack < lower.theta()) {
            if (stats != null) {
                stats.skippedSegments++;
            }
            return;
        }
        int window = 1 << windowShift;
        int[] block = new int[m];
        int[] end = new int[m];
        int[] decodedBlock = new int[m];
        int[] count = new int[m];
        int[][] ords = new int[m][SealedSegment.BLOCK];
        int[][] codes = new int[m][SealedSegment.BLOCK];
        for (int j = 0; j < m; j++) {
            block[j] = segment.termFirstBlock[termIndex[j]];
            end[j] = segment.termFirstBlock[termIndex[j] + 1];
            decodedBlock[j] = -1;
        }
        float[] up = new float[window];
        float[] lo = new float[window];
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
            if (lower.full() && bound * slack < lower.theta()) {
                if (stats != null) {
                    stats.skippedWindows++;
                }
                continue;
            }
            for (int j = 0; j < m; j++) {
                float u = unit[j];
                for (int b = block[j]; b < end[j] && firstOrdinal(segment, termIndex[j], b) < limit; b++) {
                    if (decodedBlock[j] != b) {
                        count[j] = segment.decode(termIndex[j], b, ords[j], codes[j]);
                        decodedBlock[j] = b;
                    }
                    int[] os = ords[j];
                    int[] cs = codes[j];
                    for (int p = 0; p < count[j]; p++) {
                        int o = os[p];
                        if (o < base) {
                            continue;
                        }
                        if (o >= limit) {
                            break;
                        }
                        int c = cs[p];
                        up[o - base] += u * c;
                        lo[o - base] += u * (c - 1);
                    }
                }
            }
            int length = Math.min(window, segment.size() - base);
            for (int d = 0; d < length; d++) {
                float upper = up[d];
                if (upper == 0f) {
                    continue;
                }
                float lowerBound = lo[d];
                up[d] = 0f;
                lo[d] = 0f;
                if (!live.get(base + d)) {
                    continue;
                }
                lower.offer(lowerBound / slack);
                float widened = upper * slack;
                if (widened >= lower.theta()) {
                    candidates.add(s, base + d, widened);
                    if (stats != null) {
                        stats.candidates++;
                    }
                }
            }
            if (candidates.size > COMPACT_CANDIDATES) {
                candidates.retainAtLeast(lower.theta());
            }
        }
    }

    private static int firstOrdinal(SealedSegment segment, int termIndex, int block) {
        return block == segment.termFirstBlock[termIndex] ? 0 : segment.blockLast[block - 1] + 1;
    }
}
