package io.spork.eval;

import java.util.Arrays;

/**
 * Percentiles of per-query latencies, by the nearest-rank method: the p-th percentile of n sorted
 * values is the value at rank ceil(p / 100 * n).
 */
public record LatencySummary(int count, double p50Millis, double p99Millis) {
    private static final double MEDIAN = 50;
    private static final double P99 = 99;
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    public static LatencySummary ofNanos(long[] latenciesNanos) {
        if (latenciesNanos.length == 0) {
            return new LatencySummary(0, 0, 0);
        }
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length,
                percentile(sorted, MEDIAN) / NANOS_PER_MILLI, percentile(sorted, P99) / NANOS_PER_MILLI);
    }

    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
