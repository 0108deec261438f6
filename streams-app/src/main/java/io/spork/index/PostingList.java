package io.spork.index;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The postings of one term in one partition, in memory: parallel arrays of document ordinals and
 * weights in ascending ordinal order, appended to as documents arrive (a new document always gets
 * the next ordinal). Deleted documents stay until the partition compacts; scoring skips them
 * through the partition's live set.
 *
 * <p>For dynamic pruning ({@link TopKScorer}) the list also keeps one summary per window of
 * {@link #WINDOW_SIZE} consecutive ordinals in which it has postings: where the window's postings
 * start and the largest weight among them, an upper bound of what the term adds to the score of
 * any document of that window.
 */
final class PostingList {
    /** log2 of the ordinals per window. */
    static final int WINDOW_SHIFT = 12;
    static final int WINDOW_SIZE = 1 << WINDOW_SHIFT;
    private static final int INITIAL_CAPACITY = 4;

    private int[] ordinals = new int[INITIAL_CAPACITY];
    private float[] weights = new float[INITIAL_CAPACITY];
    private int size;
    private float maxWeight;

    /** Windows with postings, ascending: window number, offset of its first posting, largest weight. */
    private int[] windowIds = new int[1];
    private int[] windowStarts = new int[1];
    private float[] windowMaxima = new float[1];
    private int windowCount;

    void add(int ordinal, float weight) {
        if (size > 0 && ordinal < ordinals[size - 1]) {
            insertOutOfOrder(ordinal, weight);
            return;
        }
        ensureCapacity(size + 1);
        ordinals[size] = ordinal;
        weights[size] = weight;
        summarise(size);
        size++;
        maxWeight = Math.max(maxWeight, weight);
    }

    /** Rebuilding from stores whose ids are not in ordinal order: keep the order, at a linear cost. */
    private void insertOutOfOrder(int ordinal, float weight) {
        ensureCapacity(size + 1);
        int at = Arrays.binarySearch(ordinals, 0, size, ordinal);
        at = at < 0 ? -at - 1 : at;
        System.arraycopy(ordinals, at, ordinals, at + 1, size - at);
        System.arraycopy(weights, at, weights, at + 1, size - at);
        ordinals[at] = ordinal;
        weights[at] = weight;
        size++;
        maxWeight = Math.max(maxWeight, weight);
        int window = ordinal >>> WINDOW_SHIFT;
        int entry = Arrays.binarySearch(windowIds, 0, windowCount, window);
        if (entry >= 0) {
            // The window's first posting keeps its offset (the new one lands at or after it).
            windowMaxima[entry] = Math.max(windowMaxima[entry], weight);
        } else {
            entry = -entry - 1;
            if (windowCount == windowIds.length) {
                int capacity = windowCount * 2;
                windowIds = Arrays.copyOf(windowIds, capacity);
                windowStarts = Arrays.copyOf(windowStarts, capacity);
                windowMaxima = Arrays.copyOf(windowMaxima, capacity);
            }
            System.arraycopy(windowIds, entry, windowIds, entry + 1, windowCount - entry);
            System.arraycopy(windowStarts, entry, windowStarts, entry + 1, windowCount - entry);
            System.arraycopy(windowMaxima, entry, windowMaxima, entry + 1, windowCount - entry);
            windowIds[entry] = window;
            windowStarts[entry] = at;
            windowMaxima[entry] = weight;
            windowCount++;
        }
        for (int e = entry + 1; e < windowCount; e++) {
            windowStarts[e]++;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed > ordinals.length) {
            int capacity = Math.max(needed, ordinals.length + (ordinals.length >> 1) + 1);
            ordinals = Arrays.copyOf(ordinals, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
    }

    /** Folds posting i (the last one summarised so far + 1) into the window summaries. */
    private void summarise(int i) {
        int window = ordinals[i] >>> WINDOW_SHIFT;
        float weight = weights[i];
        if (windowCount > 0 && windowIds[windowCount - 1] == window) {
            if (weight > windowMaxima[windowCount - 1]) {
                windowMaxima[windowCount - 1] = weight;
            }
            return;
        }
        if (windowCount == windowIds.length) {
            int capacity = windowCount * 2;
            windowIds = Arrays.copyOf(windowIds, capacity);
            windowStarts = Arrays.copyOf(windowStarts, capacity);
            windowMaxima = Arrays.copyOf(windowMaxima, capacity);
        }
        windowIds[windowCount] = window;
        windowStarts[windowCount] = i;
        windowMaxima[windowCount] = weight;
        windowCount++;
    }

    int size() {
        return size;
    }

    /** An upper bound of any live weight in this list (deletions never lower it: still a bound). */
    float maxWeight() {
        return maxWeight;
    }

    // Read access for the scorer, which runs under the partition's read lock: the arrays are only
    // replaced or appended to under the write lock.

    int[] ordinals() {
        return ordinals;
    }

    float[] weights() {
        return weights;
    }

    int windowCount() {
        return windowCount;
    }

    int[] windowIds() {
        return windowIds;
    }

    int[] windowStarts() {
        return windowStarts;
    }

    float[] windowMaxima() {
        return windowMaxima;
    }

    /** Adds queryWeight * weight of every posting into the accumulator, indexed by ordinal. */
    void accumulate(float queryWeight, float[] accumulator) {
        int[] ords = ordinals;
        float[] ws = weights;
        for (int i = 0, n = size; i < n; i++) {
            accumulator[ords[i]] += queryWeight * ws[i];
        }
    }

    /** A copy keeping the postings whose ordinal maps to a new ordinal (>= 0), renumbered. */
    PostingList retain(int[] newOrdinal) {
        PostingList kept = new PostingList();
        for (int i = 0; i < size; i++) {
            int ord = newOrdinal[ordinals[i]];
            if (ord >= 0) {
                kept.add(ord, weights[i]);
            }
        }
        return kept;
    }

    int countLive(BitSet live) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (live.get(ordinals[i])) {
                n++;
            }
        }
        return n;
    }
}
