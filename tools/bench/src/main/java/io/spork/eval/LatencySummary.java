package io.spork.eval;

import io.spork.measure.LatencyHistogram;

/** The median and 99th percentile of per-query latencies (from {@link LatencyHistogram}). */
public record LatencySummary(int count, double p50Millis, double p99Millis) {
    private static final double MEDIAN = 50;
    private static final double P99 = 99;

    public static LatencySummary ofNanos(long[] latenciesNanos) {
        if (latenciesNanos.length == 0) {
            return new LatencySummary(0, 0, 0);
        }
        LatencyHistogram h = LatencyHistogram.ofNanos(latenciesNanos);
        return new LatencySummary(latenciesNanos.length, h.percentileMillis(MEDIAN), h.percentileMillis(P99));
    }
}
