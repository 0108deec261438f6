package io.spork.index;

import java.util.Arrays;

/**
 * The postings of one term in one partition, in memory: parallel arrays of document ordinals and
 * weights, appended to as documents arrive. Deleted documents stay until the partition compacts;
 * scoring skips them through the partition's live set.
 */
final class PostingList {
    private static final int INITIAL_CAPACITY = 4;

    private int[] ordinals = new int[INITIAL_CAPACITY];
    private float[] weights = new float[INITIAL_CAPACITY];
    private int size;
    private float maxWeight;

    void add(int ordinal, float weight) {
        if (size == ordinals.length) {
            int capacity = size + (size >> 1) + 1;
            ordinals = Arrays.copyOf(ordinals, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
        ordinals[size] = ordinal;
        weights[size++] = weight;
        maxWeight = Math.max(maxWeight, weight);
    }

    int size() {
        return size;
    }

    /** An upper bound of any live weight in this list (deletions never lower it: still a bound). */
    float maxWeight() {
        return maxWeight;
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

    int countLive(java.util.BitSet live) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (live.get(ordinals[i])) {
                n++;
            }
        }
        return n;
    }
}
