package io.spork.index;

import java.util.List;

/**
 * A merge's postings while its documents are read, grouped by term in two flat arrays (ordinals,
 * weights) sized once from the inputs: a term's slice holds at most the postings it has in the
 * inputs, dead documents included, since a merged document brings exactly the postings of its
 * version there. Why: a merge reads its documents for seconds, and postings kept in per-term
 * arrays that double as they fill are young objects that survive collection after collection;
 * every young pause of the JVM then copies them (hundreds of MiB at 1M documents) while searches
 * wait. Two arrays this large are allocated outside the young generation (G1 humongous regions),
 * never copied, hold no references to scan, and are freed as a whole when the merge is done.
 */
final class MergePostings {
    /** Per term id: where its slice starts (length: highest term id + 2). */
    private final long[] start;
    private final int[] count;
    private final int[] ordinals;
    private final float[] weights;

    private MergePostings(long[] start, int total) {
        this.start = start;
        this.count = new int[start.length - 1];
        this.ordinals = new int[total];
        this.weights = new float[total];
    }

    /** Room for the postings of the inputs' documents; null when they are too many for two flat arrays (the caller adds to the builder directly). */
    static MergePostings forInputs(List<SealedSegment> inputs) {
        int limit = 0;
        for (SealedSegment s : inputs) {
            if (s.terms.length > 0) {
                limit = Math.max(limit, s.terms[s.terms.length - 1] + 1);
            }
        }
        long[] start = new long[limit + 1];
        for (SealedSegment s : inputs) {
            for (int t = 0; t < s.terms.length; t++) {
                start[s.terms[t] + 1] += s.termPostings[t];
            }
        }
        for (int term = 0; term < limit; term++) {
            start[term + 1] += start[term];
        }
        long total = start[limit];
        return total > Integer.MAX_VALUE - 16 ? null : new MergePostings(start, (int) total);
    }

    /** Adds a posting; per term, ordinals must ascend. */
    void add(int term, int ordinal, float weight) {
        if (term >= count.length || start[term] + count[term] >= start[term + 1]) {
            throw new IllegalStateException("term " + term + " has more postings in the merged documents than in the merge's inputs");
        }
        int at = (int) start[term] + count[term]++;
        ordinals[at] = ordinal;
        weights[at] = weight;
    }

    /** Hands every term's postings, in term order, to the builder (each term's array allocated once, at its size). */
    void into(SegmentBuilder builder) {
        for (int term = 0; term < count.length; term++) {
            int n = count[term];
            if (n == 0) {
                continue;
            }
            builder.reserve(term, n);
            int from = (int) start[term];
            for (int p = from; p < from + n; p++) {
                builder.posting(term, ordinals[p], weights[p]);
            }
        }
    }
}
