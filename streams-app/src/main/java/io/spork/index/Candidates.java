package io.spork.index;

import java.util.Arrays;

/** Candidates of the sealed segments: segment position, ordinal, widened upper bound. */
final class Candidates {
    int[] segment = new int[64];
    int[] ordinal = new int[64];
    float[] upper = new float[64];
    int size;

    void add(int s, int o, float u) {
        if (size == segment.length) {
            segment = Arrays.copyOf(segment, size * 2);
            ordinal = Arrays.copyOf(ordinal, size * 2);
            upper = Arrays.copyOf(upper, size * 2);
        }
        segment[size] = s;
        ordinal[size] = o;
        upper[size++] = u;
    }

    /** Positions of the candidates whose upper bound reaches theta. */
    int[] atLeast(float theta) {
        int n = 0;
        for (int c = 0; c < size; c++) {
            if (upper[c] >= theta) {
                n++;
            }
        }
        int[] positions = new int[n];
        n = 0;
        for (int c = 0; c < size; c++) {
            if (upper[c] >= theta) {
                positions[n++] = c;
            }
        }
        return positions;
    }

    void retainAtLeast(float theta) {
        int kept = 0;
        for (int c = 0; c < size; c++) {
            if (upper[c] >= theta) {
                segment[kept] = segment[c];
                ordinal[kept] = ordinal[c];
                upper[kept++] = upper[c];
            }
        }
        size = kept;
    }
}
