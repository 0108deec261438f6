package io.spork.measure;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of the benchmarks and the evaluation, from an HdrHistogram (the one Micrometer
 * brings): values kept to three significant digits, so a percentile is within 0.1% of the exact
 * nearest-rank one, in constant memory however many requests are timed.
 */
public final class LatencyHistogram {
    private static final int SIGNIFICANT_DIGITS = 3;
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    private final Histogram histogram = new Histogram(SIGNIFICANT_DIGITS);

    public static LatencyHistogram ofNanos(long[] latenciesNanos) {
        LatencyHistogram h = new LatencyHistogram();
        for (long nanos : latenciesNanos) {
            h.recordNanos(nanos);
        }
        return h;
    }

    public static LatencyHistogram ofMillis(double[] latenciesMillis) {
        LatencyHistogram h = new LatencyHistogram();
        for (double millis : latenciesMillis) {
            h.recordNanos(Math.round(millis * NANOS_PER_MILLI));
        }
        return h;
    }

    /** Records one latency; a negative one (a clock step) counts as 0. */
    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, nanos));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency that percent of the recorded ones do not exceed (0 < percent <= 100); 0 when none is recorded. */
    public long percentileNanos(double percent) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percent);
    }

    /** As {@link #percentileNanos}, in milliseconds; NaN when none is recorded. */
    public double percentileMillis(double percent) {
        return count() == 0 ? Double.NaN : percentileNanos(percent) / NANOS_PER_MILLI;
    }
}
