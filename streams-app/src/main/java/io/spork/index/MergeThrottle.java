package io.spork.index;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps one merge's use of the CPU at most a share of one core ({@code index.merge-core-share}),
 * as Lucene's merge rate limiter keeps merges to their share of the disk: after every few
 * documents the merge thread compares the CPU time it took with the time since the merge began
 * and sleeps off what it is ahead. Why: on a machine of few cores the merge thread, the writer
 * and the searches compete for the same cores, and a merge running flat out takes a search's
 * core for seconds; paced, the merge takes longer but the writer keeps its rate and searches
 * their core.
 */
final class MergeThrottle {
    /** Documents between two checks: a check costs a thread-CPU-clock read. */
    private static final int CHECK_EVERY = 64;
    /** Shorter naps are not worth a park (the scheduler's own granularity). */
    private static final long MIN_NAP_NANOS = 1_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double share;
    private final boolean paced;
    private final long startedNanos;
    private final long startedCpuNanos;
    private int sinceCheck;

    private MergeThrottle(double share) {
        this.share = share;
        this.paced = share < 1.0 && THREADS.isCurrentThreadCpuTimeSupported();
        this.startedNanos = System.nanoTime();
        this.startedCpuNanos = paced ? THREADS.getCurrentThreadCpuTime() : 0;
    }

    /** A throttle for the merge starting now on this thread, at most {@code share} of a core (1: unthrottled). */
    static MergeThrottle starting(double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a merge's core share must be in (0, 1], got " + share);
        }
        return new MergeThrottle(share);
    }

    /** Called after each document the merge adds: sleeps when the merge is ahead of its share. */
    void pace() {
        if (!paced || ++sinceCheck < CHECK_EVERY) {
            return;
        }
        sinceCheck = 0;
        long cpu = THREADS.getCurrentThreadCpuTime() - startedCpuNanos;
        long elapsed = System.nanoTime() - startedNanos;
        long ahead = (long) (cpu / share) - elapsed;
        if (ahead >= MIN_NAP_NANOS) {
            LockSupport.parkNanos(ahead);
        }
    }
}
