package io.spork.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.IntFunction;

/**
 * Exact top-k by dot product over the posting lists of one partition.
 *
 * <p>Every score is summed as a plain term-at-a-time scorer sums it: in float, term by term in
 * query order, so a document's score does not depend on the path that found it, and the result is
 * the same, bit for bit, as scoring every posting ({@link PartitionIndex#searchExhaustive}).
 *
 * <p>Two paths:
 * <ul>
 *   <li><b>Exhaustive</b>: every posting of every query term is added into a float accumulator
 *       indexed by ordinal (reused, never allocated per query), then one pass over the
 *       accumulator keeps the k best in a primitive heap; about a nanosecond per posting.</li>
 *   <li><b>Pruned</b> (MaxScore with block-max bounds), window by window of
 *       {@link PostingList#WINDOW_SIZE} ordinals, once k hits are known: in a window a term adds at
 *       most {@code queryWeight * windowMax}. A window whose bounds sum to less than the k-th best
 *       score is skipped. Otherwise the terms with the smallest bounds whose sum stays below the
 *       k-th score are non-essential: a document matching only those cannot enter the top k, so
 *       only the essential terms' postings are added up, into a small accumulator, and a document
 *       becomes a candidate when that sum plus the non-essential bounds can reach the k-th score.
 *       A candidate then looks the non-essential terms up, largest bound first, and is dropped as
 *       soon as it cannot reach the k-th score any more; a survivor is scored exactly, looked up
 *       in every term in query order. (A window with many candidates, or whose essential terms
 *       hold most of its postings, is scored in full instead.)</li>
 * </ul>
 * The search starts pruned and falls back to the exhaustive path for the rest of the ordinals once
 * pruning has cost more than it saved beyond a small budget (1/64 of the query's postings): on
 * flat score distributions (many documents close to the k-th score, the case of the query
 * benchmark's corpus) bounds cannot separate documents, and adding up everything is the fastest
 * exact way. On skewed ones (frequent terms light, rare terms heavy) pruning skips most postings:
 * see {@code docs/benchmarks.md}.
 *
 * <p>Exactness of the pruning: bounds are float sums in another order than the scores, so they are
 * compared with a relative slack far above float rounding, and a bound equal to the k-th score is
 * kept (a tie may still win on its id).
 */
final class TopKScorer {
    private static final int W = PostingList.WINDOW_SIZE;
    /** Below this many windows the exhaustive path is used at once. */
    private static final int MIN_WINDOWS_TO_PRUNE = 8;
    /** Pruning gives up once its wasted work exceeds this share of all the query's postings. */
    private static final int WASTE_BUDGET_DIVISOR = 64;
    /** What scoring one candidate costs, in postings added up (a few look-ups, most dropped early). */
    private static final int CANDIDATE_COST = 16;
    /** Scratch buffers in use at most at once is the number of concurrent searches; idle ones kept: */
    private static final int MAX_IDLE_SCRATCH = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
    private static final ConcurrentLinkedDeque<Scratch> IDLE = new ConcurrentLinkedDeque<>();

    private TopKScorer() {
    }

    /** What a search did (for tests and diagnostics). */
    static final class Stats {
        long windows;
        long skippedWindows;
        long prunedWindows;
        long fullWindows;
        long candidates;
        long scoredCandidates;
        long essentialPostings;
        long exhaustivePostings;
        boolean gaveUp;

        @Override
        public String toString() {
            return "windows " + windows + ", skipped " + skippedWindows + ", pruned " + prunedWindows + ", full " + fullWindows
                    + ", candidates " + candidates + " (scored " + scoredCandidates + "), essential postings " + essentialPostings
                    + ", exhaustive postings " + exhaustivePostings + (gaveUp ? ", gave up pruning" : "");
        }
    }

    /**
     * @param lists        the posting lists of the query terms that have one, in query order
     * @param queryWeights their query weights
     * @param n            how many of lists / queryWeights are used
     * @param ordinalLimit one above the highest ordinal in use
     * @param live         the live ordinals, or null when every ordinal below the limit is live
     * @param idOf         the id of an ordinal (ties are broken by id ascending)
     * @param stats        filled with what the search did, or null
     */
    static List<ScoredDocument> search(PostingList[] lists, float[] queryWeights, int n, int k, int ordinalLimit,
                                       BitSet live, IntFunction<String> idOf, Stats stats) {
        Scratch s = IDLE.pollFirst();
        if (s == null) {
            s = new Scratch();
        }
        try {
            s.prepare(n, ordinalLimit);
            s.top.reset(k, live, idOf);
            int windows = (ordinalLimit + W - 1) >>> PostingList.WINDOW_SHIFT;
            int from = windows < MIN_WINDOWS_TO_PRUNE ? 0 : pruned(s, lists, queryWeights, n, windows, stats);
            if (from < windows) {
                exhaustive(s, lists, queryWeights, n, from, ordinalLimit, stats);
            }
            return s.top.best();
        } finally {
            s.top.release();
            if (IDLE.size() < MAX_IDLE_SCRATCH) {
                IDLE.offerFirst(s);
            }
        }
    }

    /**
     * Scores windows with pruning until done or until pruning stops paying.
     *
     * @return the first window left for the exhaustive path ({@code windows} when none)
     */
    private static int pruned(Scratch s, PostingList[] lists, float[] queryWeights, int n, int windows, Stats stats) {
        TopK top = s.top;
        long allPostings = 0;
        for (int i = 0; i < n; i++) {
            allPostings += lists[i].size();
        }
        long budget = allPostings / WASTE_BUDGET_DIVISOR;
        long wasted = 0;
        // Covers the rounding of sums of n float products in any order (about n * 2^-24 relatively) many times over.
        float slack = 1f + (n + 4) * 0x1p-20f;
        int[] cursor = s.cursor;
        int[] start = s.start;
        int[] end = s.end;
        float[] bound = s.bound;
        int[] present = s.present;
        int[] byBound = s.byBound;
        for (int w = 0; w < windows; w++) {
            if (wasted > budget) {
                if (stats != null) {
                    stats.gaveUp = true;
                }
                return w;
            }
            int base = w << PostingList.WINDOW_SHIFT;
            int terms = 0;
            int postings = 0;
            float boundSum = 0f;
            for (int i = 0; i < n; i++) {
                PostingList list = lists[i];
                int[] ids = list.windowIds();
                int count = list.windowCount();
                int e = cursor[i];
                while (e < count && ids[e] < w) {
                    e++;
                }
                cursor[i] = e;
                if (e < count && ids[e] == w) {
                    start[i] = list.windowStarts()[e];
                    end[i] = e + 1 < count ? list.windowStarts()[e + 1] : list.size();
                    bound[i] = queryWeights[i] * list.windowMaxima()[e];
                    boundSum += bound[i];
                    postings += end[i] - start[i];
                    present[terms++] = i;
                }
            }
            if (terms == 0) {
                continue;
            }
            if (stats != null) {
                stats.windows++;
            }
            if (!top.full()) {
                scoreWindow(s, lists, queryWeights, present, terms, base);
                if (stats != null) {
                    stats.fullWindows++;
                }
                continue;
            }
            float theta = top.threshold();
            if (boundSum * slack < theta) {
                if (stats != null) {
                    stats.skippedWindows++;
                }
                continue;
            }
            // MaxScore split: the terms with the smallest bounds, while their sum cannot reach theta.
            System.arraycopy(present, 0, byBound, 0, terms);
            for (int a = 1; a < terms; a++) {
                int t = byBound[a];
                float b = bound[t];
                int j = a - 1;
                while (j >= 0 && bound[byBound[j]] > b) {
                    byBound[j + 1] = byBound[j];
                    j--;
                }
                byBound[j + 1] = t;
            }
            float nonEssential = 0f;
            int firstEssential = 0;
            int essentialPostings = postings;
            float[] belowBound = s.belowBound;
            belowBound[0] = 0f;
            while (firstEssential < terms && (nonEssential + bound[byBound[firstEssential]]) * slack < theta) {
                int i = byBound[firstEssential];
                nonEssential += bound[i];
                essentialPostings -= end[i] - start[i];
                firstEssential++;
                belowBound[firstEssential] = nonEssential;
            }
            if (stats != null) {
                stats.essentialPostings += essentialPostings;
            }
            if (5L * essentialPostings > 2L * postings) {
                // Too little to save here (adding up a window's postings costs about 2.5 times what the
                // exhaustive path pays per posting): score the window in full.
                scoreWindow(s, lists, queryWeights, present, terms, base);
                wasted += postings;
                if (stats != null) {
                    stats.fullWindows++;
                }
                continue;
            }
            int found = essentialCandidates(s, lists, queryWeights, byBound, firstEssential, terms, base, nonEssential, theta, slack);
            if (found == 0) {
                if (stats != null) {
                    stats.prunedWindows++;
                }
                continue;
            }
            if (stats != null) {
                stats.candidates += found;
            }
            if ((long) found * CANDIDATE_COST > postings) {
                scoreWindow(s, lists, queryWeights, present, terms, base);
                wasted += postings + essentialPostings;
                if (stats != null) {
                    stats.fullWindows++;
                }
            } else {
                scoreCandidates(s, lists, queryWeights, present, terms, firstEssential, base, found, slack, stats);
                if (stats != null) {
                    stats.prunedWindows++;
                }
            }
        }
        return windows;
    }

    /**
     * Adds up the essential terms' postings of a window and keeps, as candidates (offsets in the
     * window, ascending), the documents whose sum plus the non-essential bounds can reach theta.
     */
    private static int essentialCandidates(Scratch s, PostingList[] lists, float[] queryWeights, int[] byBound,
                                           int firstEssential, int terms, int base, float nonEssential, float theta,
                                           float slack) {
        float[] partial = s.window;
        int lo = W;
        int hi = -1;
        for (int m = firstEssential; m < terms; m++) {
            int i = byBound[m];
            int[] ords = lists[i].ordinals();
            float[] ws = lists[i].weights();
            float q = queryWeights[i];
            int from = s.start[i];
            int to = s.end[i];
            if (from < to) {
                lo = Math.min(lo, ords[from] - base);
                hi = Math.max(hi, ords[to - 1] - base);
            }
            for (int p = from; p < to; p++) {
                partial[ords[p] - base] += q * ws[p];
            }
        }
        int[] candidates = s.candidates;
        int found = 0;
        for (int d = lo; d <= hi; d++) {
            float b = partial[d];
            if (b != 0f) {
                partial[d] = 0f;
                if ((b + nonEssential) * slack >= theta) {
                    s.candidatePartial[found] = b;
                    candidates[found++] = d;
                }
            }
        }
        return found;
    }

    /** Exact scores of every document of the window, term by term in query order. */
    private static void scoreWindow(Scratch s, PostingList[] lists, float[] queryWeights, int[] present, int terms, int base) {
        float[] acc = s.window;
        int lo = W;
        int hi = -1;
        for (int m = 0; m < terms; m++) {
            int i = present[m];
            int[] ords = lists[i].ordinals();
            float[] ws = lists[i].weights();
            float q = queryWeights[i];
            int from = s.start[i];
            int to = s.end[i];
            if (from < to) {
                lo = Math.min(lo, ords[from] - base);
                hi = Math.max(hi, ords[to - 1] - base);
            }
            for (int p = from; p < to; p++) {
                acc[ords[p] - base] += q * ws[p];
            }
        }
        TopK top = s.top;
        for (int d = lo; d <= hi; d++) {
            float score = acc[d];
            if (score != 0f) {
                acc[d] = 0f;
                if (score > 0f) {
                    top.offer(score, base + d);
                }
            }
        }
    }

    /**
     * Scores the candidates of a window. Each one first adds the non-essential terms, largest
     * bound first (looked up), and is dropped as soon as its sum plus the bounds of the terms left
     * cannot reach the k-th score; a survivor is then scored exactly, looked up in every term in
     * query order.
     */
    private static void scoreCandidates(Scratch s, PostingList[] lists, float[] queryWeights, int[] present, int terms,
                                        int firstEssential, int base, int found, float slack, Stats stats) {
        int[] at = s.at;
        for (int m = 0; m < terms; m++) {
            at[present[m]] = s.start[present[m]];
        }
        int[] candidates = s.candidates;
        int[] byBound = s.byBound;
        float[] belowBound = s.belowBound;
        TopK top = s.top;
        for (int c = 0; c < found; c++) {
            int ordinal = base + candidates[c];
            float partial = s.candidatePartial[c];
            boolean dropped = false;
            for (int m = firstEssential - 1; m >= 0; m--) {
                int i = byBound[m];
                int[] ords = lists[i].ordinals();
                int p = advance(ords, at[i], s.end[i], ordinal);
                at[i] = p;
                if (p < s.end[i] && ords[p] == ordinal) {
                    partial += queryWeights[i] * lists[i].weights()[p];
                }
                if ((partial + belowBound[m]) * slack < top.threshold()) {
                    dropped = true;
                    break;
                }
            }
            if (dropped) {
                continue;
            }
            if (stats != null) {
                stats.scoredCandidates++;
            }
            float score = 0f;
            for (int m = 0; m < terms; m++) {
                int i = present[m];
                int[] ords = lists[i].ordinals();
                int p = advance(ords, at[i], s.end[i], ordinal);
                at[i] = p;
                if (p < s.end[i] && ords[p] == ordinal) {
                    score += queryWeights[i] * lists[i].weights()[p];
                }
            }
            if (score > 0f) {
                top.offer(score, ordinal);
            }
        }
    }

    /** Every posting from window {@code fromWindow} on, term by term in query order, into one accumulator. */
    private static void exhaustive(Scratch s, PostingList[] lists, float[] queryWeights, int n, int fromWindow,
                                   int ordinalLimit, Stats stats) {
        int base = fromWindow << PostingList.WINDOW_SHIFT;
        float[] acc = s.accumulator;
        long visited = 0;
        for (int i = 0; i < n; i++) {
            PostingList list = lists[i];
            int from = fromWindow == 0 ? 0 : firstPostingOfWindow(list, fromWindow, s.cursor[i]);
            int[] ords = list.ordinals();
            float[] ws = list.weights();
            float q = queryWeights[i];
            int to = list.size();
            visited += to - from;
            for (int p = from; p < to; p++) {
                acc[ords[p] - base] += q * ws[p];
            }
        }
        if (stats != null) {
            stats.exhaustivePostings += visited;
        }
        TopK top = s.top;
        int length = ordinalLimit - base;
        for (int d = 0; d < length; d++) {
            float score = acc[d];
            // Once full, only a score reaching the k-th can enter (an equal one may win on its id).
            if (score > 0f && (score >= top.cut)) {
                top.offer(score, base + d);
            }
        }
        Arrays.fill(acc, 0, length, 0f);
    }

    /** The offset of the first posting at or after the window (searching the summaries from entry e). */
    private static int firstPostingOfWindow(PostingList list, int window, int e) {
        int[] ids = list.windowIds();
        int count = list.windowCount();
        while (e < count && ids[e] < window) {
            e++;
        }
        return e < count ? list.windowStarts()[e] : list.size();
    }

    /** The first position in [from, to) whose ordinal is >= target (galloping, then binary search). */
    static int advance(int[] ords, int from, int to, int target) {
        if (from >= to || ords[from] >= target) {
            return from;
        }
        int lo = from;
        int step = 1;
        int hi = from + 1;
        while (hi < to && ords[hi] < target) {
            lo = hi;
            step <<= 1;
            hi = from + step;
        }
        if (hi > to) {
            hi = to;
        }
        // ords[lo] < target, and ords[hi] >= target or hi == to
        while (lo + 1 < hi) {
            int mid = (lo + hi) >>> 1;
            if (ords[mid] < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /** Buffers of one search, reused by later ones (kept in a small pool, not per thread). */
    private static final class Scratch {
        final float[] window = new float[W];
        final int[] candidates = new int[W];
        final float[] candidatePartial = new float[W];
        final TopK top = new TopK();
        float[] accumulator = new float[0];
        int[] cursor = new int[0];
        int[] start = new int[0];
        int[] end = new int[0];
        int[] at = new int[0];
        float[] bound = new float[0];
        float[] belowBound = new float[0];
        int[] present = new int[0];
        int[] byBound = new int[0];

        void prepare(int n, int ordinalLimit) {
            if (cursor.length < n) {
                int size = Math.max(n, 64);
                cursor = new int[size];
                start = new int[size];
                end = new int[size];
                at = new int[size];
                bound = new float[size];
                belowBound = new float[size + 1];
                present = new int[size];
                byBound = new int[size];
            }
            Arrays.fill(cursor, 0, n, 0);
            if (accumulator.length < ordinalLimit) {
                // Grown with room, so a growing partition does not reallocate it on every search.
                accumulator = new float[ordinalLimit + (ordinalLimit >> 3)];
            }
        }
    }

    /**
     * The k best (score, ordinal) pairs so far in a binary heap with the worst at the root: higher
     * score is better, and on equal scores the smaller id.
     */
    static final class TopK {
        private float[] scores = new float[0];
        private int[] ordinals = new int[0];
        private int size;
        private int k;
        private BitSet live;
        private IntFunction<String> idOf;
        /** The k-th best score once full (a score below it cannot enter); 0 before. */
        float cut;

        void reset(int k, BitSet live, IntFunction<String> idOf) {
            if (scores.length < k) {
                scores = new float[k];
                ordinals = new int[k];
            }
            this.k = k;
            this.size = 0;
            this.live = live;
            this.idOf = idOf;
            this.cut = 0f;
        }

        void release() {
            live = null;
            idOf = null;
            size = 0;
        }

        boolean full() {
            return size == k;
        }

        /** The k-th best score (only meaningful when full). */
        float threshold() {
            return scores[0];
        }

        void offer(float score, int ordinal) {
            if (size == k && score < scores[0]) {
                return;
            }
            if (live != null && !live.get(ordinal)) {
                return;
            }
            if (size < k) {
                int i = size++;
                scores[i] = score;
                ordinals[i] = ordinal;
                siftUp(i);
            } else if (worse(scores[0], ordinals[0], score, ordinal)) {
                scores[0] = score;
                ordinals[0] = ordinal;
                siftDown(0);
            }
            if (size == k) {
                cut = scores[0];
            }
        }

        /** True when (s1, o1) ranks below (s2, o2). */
        private boolean worse(float s1, int o1, float s2, int o2) {
            if (s1 != s2) {
                return s1 < s2;
            }
            return idOf.apply(o1).compareTo(idOf.apply(o2)) > 0;
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (worse(scores[i], ordinals[i], scores[parent], ordinals[parent])) {
                    swap(i, parent);
                    i = parent;
                } else {
                    return;
                }
            }
        }

        private void siftDown(int i) {
            while (true) {
                int left = 2 * i + 1;
                if (left >= size) {
                    return;
                }
                int worst = left;
                int right = left + 1;
                if (right < size && worse(scores[right], ordinals[right], scores[left], ordinals[left])) {
                    worst = right;
                }
                if (worse(scores[worst], ordinals[worst], scores[i], ordinals[i])) {
                    swap(i, worst);
                    i = worst;
                } else {
                    return;
                }
            }
        }

        private void swap(int a, int b) {
            float s = scores[a];
            scores[a] = scores[b];
            scores[b] = s;
            int o = ordinals[a];
            ordinals[a] = ordinals[b];
            ordinals[b] = o;
        }

        /** The hits, best first; empties the heap. */
        List<ScoredDocument> best() {
            ScoredDocument[] hits = new ScoredDocument[size];
            while (size > 0) {
                hits[size - 1] = new ScoredDocument(idOf.apply(ordinals[0]), scores[0]);
                size--;
                scores[0] = scores[size];
                ordinals[0] = ordinals[size];
                siftDown(0);
            }
            List<ScoredDocument> result = new ArrayList<>(hits.length);
            for (ScoredDocument hit : hits) {
                result.add(hit);
            }
            return result;
        }
    }
}
