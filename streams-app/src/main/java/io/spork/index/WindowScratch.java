package io.spork.index;

/**
 * The working arrays of {@link WindowScorer}, allocated once per search and reused segment after
 * segment: per window ordinal the upper bound accumulator (all zero between windows),
 * per query term its term index in the segment, scaled unit, block cursor and one decoded block with its read position.
 */
final class WindowScratch {
    final float[] up;
    final int[] termIndex;
    final float[] unit;
    final int[] block;
    final int[] end;
    final int[] decodedBlock;
    final int[] count;
    /** Per term: the first posting of its decoded block not yet added. */
    final int[] cursor;
    final int[][] ords;
    final int[][] codes;

    WindowScratch(int windowShift, int queryTerms) {
        up = new float[1 << windowShift];
        termIndex = new int[queryTerms];
        unit = new float[queryTerms];
        block = new int[queryTerms];
        end = new int[queryTerms];
        decodedBlock = new int[queryTerms];
        count = new int[queryTerms];
        cursor = new int[queryTerms];
        ords = new int[queryTerms][SealedSegment.BLOCK];
        codes = new int[queryTerms][SealedSegment.BLOCK];
    }

    int window() {
        return up.length;
    }
}
