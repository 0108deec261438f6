package io.spork.index;

/**
 * The working arrays of {@link WindowScorer}, allocated once per search and reused segment after
 * segment: the upper bound accumulator over two windows of ordinals (a block is added whole by the
 * window it starts in, so its tail lands in the second half, which becomes the next window's first), the window's
 * candidates awaiting refinement, and per query term its term index in the segment, scaled unit,
 * window bound, block cursor and one decoded block with its read position.
 */
final class WindowScratch {
    final float share;
    final float[] up;
    final int[] termIndex;
    /** Per term: whether the previous window added its blocks whole (their tails are in the accumulator). */
    final boolean[] carried;
    final float[] unit;
    /** Per term: unit x code for each code 0..255 ({@link SealedSegment#weightsOfCodes}). */
    final float[][] weightOfCode;
    /** Per term: its bound in the current window (unit x the largest code of its blocks there). */
    final float[] windowBound;
    /** The terms of the current window by ascending window bound. */
    final int[] byBound;
    final int[] block;
    final int[] end;
    final int[] decodedBlock;
    final int[] count;
    /** Per term: the first posting of its decoded block not yet added. */
    final int[] cursor;
    final int[][] ords;
    final int[][] codes;
    /** The current window's candidates before refinement: window-relative ordinals (ascending) and partial bounds. */
    final int[] pendingOrdinal;
    final float[] pendingUpper;

    WindowScratch(int windowShift, int queryTerms) {
        this(windowShift, queryTerms, NonEssentialTerms.SHARE_OF_CUT);
    }

    /** @param share the share of the cut the non-essential terms' bounds may sum to (0: every term added) */
    WindowScratch(int windowShift, int queryTerms, float share) {
        this.share = share;
        up = new float[2 << windowShift];
        carried = new boolean[queryTerms];
        termIndex = new int[queryTerms];
        unit = new float[queryTerms];
        weightOfCode = new float[queryTerms][256];
        windowBound = new float[queryTerms];
        byBound = new int[queryTerms];
        block = new int[queryTerms];
        end = new int[queryTerms];
        decodedBlock = new int[queryTerms];
        count = new int[queryTerms];
        cursor = new int[queryTerms];
        ords = new int[queryTerms][SealedSegment.BLOCK];
        codes = new int[queryTerms][SealedSegment.BLOCK];
        pendingOrdinal = new int[1 << windowShift];
        pendingUpper = new float[1 << windowShift];
    }

    int window() {
        return up.length / 2;
    }

    /**
     * Whether a block of term j that starts before the window at base was added whole, tail
     * included, by the previous window: it started there and ends before this window does.
     */
    boolean inCarry(int j, int first, int last, int base) {
        int window = up.length >>> 1;
        return carried[j] && first >= base - window && last < base + window;
    }

    /** The block of term j, decoded into this scratch unless it already is. */
    void load(SealedSegment segment, int j, int b) {
        if (decodedBlock[j] != b) {
            count[j] = segment.decode(termIndex[j], b, ords[j], codes[j]);
            decodedBlock[j] = b;
            cursor[j] = 0;
        }
    }
}
