package io.spork.index;

import java.util.Arrays;

/**
 * Builds a {@link SealedSegment}: documents in ordinal order, and per term its postings in
 * ordinal order (float weights, quantized here).
 */
final class SegmentBuilder {
    private String[] ids = new String[16];
    private long[] sequences = new long[16];
    private int[] termCounts = new int[16];
    private int size;
    private int[][] ordinals = new int[0][];
    private float[][] weights = new float[0][];
    private int[] counts = new int[0];

    /** Adds a document; returns its ordinal. */
    int document(String id, long sequence, int termCount) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            sequences = Arrays.copyOf(sequences, size * 2);
            termCounts = Arrays.copyOf(termCounts, size * 2);
        }
        ids[size] = id;
        sequences[size] = sequence;
        termCounts[size] = termCount;
        return size++;
    }

    /** Makes room for {@code postings} more postings of a term (a seal knows how many come). */
    void reserve(int term, int postings) {
        growTerms(term);
        int n = counts[term];
        if (ordinals[term] == null) {
            ordinals[term] = new int[Math.max(4, postings)];
            weights[term] = new float[Math.max(4, postings)];
        } else if (n + postings > ordinals[term].length) {
            ordinals[term] = Arrays.copyOf(ordinals[term], n + postings);
            weights[term] = Arrays.copyOf(weights[term], n + postings);
        }
    }

    private void growTerms(int term) {
        if (term >= counts.length) {
            int capacity = Math.max(term + 1, counts.length * 2);
            ordinals = Arrays.copyOf(ordinals, capacity);
            weights = Arrays.copyOf(weights, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
    }

    /** Adds a posting; per term, ordinals must ascend. */
    void posting(int term, int ordinal, float weight) {
        growTerms(term);
        int n = counts[term];
        if (ordinals[term] == null) {
            ordinals[term] = new int[4];
            weights[term] = new float[4];
        } else if (n == ordinals[term].length) {
            ordinals[term] = Arrays.copyOf(ordinals[term], n * 2);
            weights[term] = Arrays.copyOf(weights[term], n * 2);
        }
        ordinals[term][n] = ordinal;
        weights[term][n] = weight;
        counts[term] = n + 1;
    }

    int size() {
        return size;
    }

    /** The live documents of a growing segment as a sealed one, or null when none is live. */
    static SealedSegment sealed(GrowingSegment growing, LiveSet live, int number) {
        SegmentBuilder builder = new SegmentBuilder();
        int[] moved = new int[growing.size()];
        for (int d = 0; d < growing.size(); d++) {
            moved[d] = live.get(d) ? builder.document(growing.id(d), growing.sequence(d), growing.termCount(d)) : -1;
        }
        for (int term = 0; term < growing.termLimit(); term++) {
            GrowingSegment.TermPostings list = growing.term(term);
            if (list == null) {
                continue;
            }
            builder.reserve(term, list.size);
            for (int p = 0; p < list.size; p++) {
                int ordinal = moved[list.ordinals[p]];
                if (ordinal >= 0) {
                    builder.posting(term, ordinal, list.weights[p]);
                }
            }
        }
        return builder.size() == 0 ? null : builder.build(number);
    }

    SealedSegment build(int number) {
        int termCount = 0;
        int blockCount = 0;
        for (int c : counts) {
            if (c > 0) {
                termCount++;
                blockCount += (c + SealedSegment.BLOCK - 1) / SealedSegment.BLOCK;
            }
        }
        int[] terms = new int[termCount];
        int[] termFirstBlock = new int[termCount + 1];
        int[] termPostings = new int[termCount];
        float[] termScale = new float[termCount];
        int[] blockLast = new int[blockCount];
        int[] blockOffset = new int[blockCount + 1];
        byte[] blockMaxCode = new byte[blockCount];
        // About a byte per posting for its code and one for its gap: one allocation in the common case.
        GrowableBytes data = new GrowableBytes(2 * Arrays.stream(counts).sum() + 2 * blockCount);
        int t = 0;
        int b = 0;
        for (int term = 0; term < counts.length; term++) {
            int n = counts[term];
            if (n == 0) {
                continue;
            }
            int[] os = ordinals[term];
            float[] ws = weights[term];
            float scale = scaleFor(ws, n);
            terms[t] = term;
            termPostings[t] = n;
            termScale[t] = scale;
            termFirstBlock[t] = b;
            int previous = -1;
            for (int from = 0; from < n; from += SealedSegment.BLOCK) {
                int to = Math.min(n, from + SealedSegment.BLOCK);
                blockOffset[b] = data.size();
                int maxCode = writeBlock(data, os, ws, from, to, previous, scale);
                blockMaxCode[b] = (byte) maxCode;
                blockLast[b] = os[to - 1];
                previous = os[to - 1];
                b++;
            }
            t++;
        }
        termFirstBlock[termCount] = b;
        blockOffset[blockCount] = data.size();
        return new SealedSegment(number, DocumentIds.of(ids, size), Arrays.copyOf(sequences, size), Arrays.copyOf(termCounts, size),
                terms, termFirstBlock, termPostings, termScale, blockLast, blockOffset, blockMaxCode, data.toByteArray());
    }

    /** The smallest float scale with 255 * scale >= every weight. */
    static float scaleFor(float[] ws, int n) {
        float max = 0f;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, ws[i]);
        }
        float scale = max / 255f;
        while (255f * scale < max) {
            scale = Math.nextUp(scale);
        }
        return scale;
    }

    /** The code of a weight: (code - 1) * scale < w <= code * scale, 1..255. */
    static int code(float w, float scale) {
        int c = (int) Math.ceil(w / scale);
        c = Math.max(1, Math.min(255, c));
        while (c < 255 && c * scale < w) {
            c++;
        }
        while (c > 1 && (c - 1) * scale >= w) {
            c--;
        }
        return c;
    }

    private static int writeBlock(GrowableBytes out, int[] os, float[] ws, int from, int to, int previous, float scale) {
        int maxGap = 0;
        int p = previous;
        for (int i = from; i < to; i++) {
            maxGap = Math.max(maxGap, os[i] - p - 1);
            p = os[i];
        }
        int width = 32 - Integer.numberOfLeadingZeros(maxGap);
        out.write(width);
        if (width > 0) {
            long buffer = 0;
            int bits = 0;
            p = previous;
            for (int i = from; i < to; i++) {
                buffer |= (long) (os[i] - p - 1) << bits;
                bits += width;
                p = os[i];
                while (bits >= 8) {
                    out.write((int) buffer);
                    buffer >>>= 8;
                    bits -= 8;
                }
            }
            if (bits > 0) {
                out.write((int) buffer);
            }
        }
        int maxCode = 0;
        for (int i = from; i < to; i++) {
            int c = code(ws[i], scale);
            maxCode = Math.max(maxCode, c);
            out.write(c);
        }
        return maxCode;
    }
}
