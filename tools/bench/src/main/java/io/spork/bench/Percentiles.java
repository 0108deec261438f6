package io.spork.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample, in the sample's unit. */
final class Percentiles {
    private final double[] sorted;

    Percentiles(double[] sample) {
        this.sorted = sample.clone();
        Arrays.sort(this.sorted);
    }

    double at(double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    int count() {
        return sorted.length;
    }
}
