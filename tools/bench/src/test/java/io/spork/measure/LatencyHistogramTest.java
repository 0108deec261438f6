package io.spork.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The histogram's percentiles against the exact nearest-rank ones of the same sample. */
class LatencyHistogramTest {
    private static long nearestRank(long[] values, double percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        // The epsilon keeps 99.9 / 100 * 10000 (9990.000000000002 in doubles) at rank 9990.
        int rank = (int) Math.ceil(percent / 100 * sorted.length - 1e-9);
        return sorted[Math.max(rank, 1) - 1];
    }

    @Test
    void percentilesAreWithinAThousandthOfTheExactOnes() {
        Random random = new Random(7);
        long[] nanos = new long[10_000];
        for (int i = 0; i < nanos.length; i++) {
            // Log-normal-ish: most around a millisecond, a long tail to a second, as request latencies are.
            nanos[i] = (long) (1_000_000 * Math.exp(random.nextGaussian() * 1.5));
        }
        LatencyHistogram h = LatencyHistogram.ofNanos(nanos);
        assertEquals(nanos.length, h.count());
        for (double p : new double[] {1, 50, 90, 99, 99.9, 100}) {
            long exact = nearestRank(nanos, p);
            long approx = h.percentileNanos(p);
            assertTrue(Math.abs(approx - exact) <= exact / 1000.0 + 1, "p" + p + ": " + approx + " vs exact " + exact);
        }
    }

    @Test
    void smallSamplesAndUnits() {
        LatencyHistogram h = LatencyHistogram.ofMillis(new double[] {1.0, 2.0, 3.0, 4.0});
        assertEquals(2.0, h.percentileMillis(50), 0.002);
        assertEquals(4.0, h.percentileMillis(99), 0.004);
        assertEquals(1.0, h.percentileMillis(1), 0.001);
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        LatencyHistogram h = new LatencyHistogram();
        assertEquals(0, h.count());
        assertEquals(0, h.percentileNanos(50));
        assertTrue(Double.isNaN(h.percentileMillis(99)));
    }
}
