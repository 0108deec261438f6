package io.spork.index;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Keeps a merge's use of the CPU, while searches run, at most a share of one core
 * ({@code index.merge-core-share}), as Lucene's merge rate limiter keeps merges to their share of
 * the disk: after every few documents the merge thread compares the CPU time it took with the time
 * since searches began to run and sleeps off what it is ahead. With no search in flight it runs as
 * fast as it can, and that time earns no credit. Why: on a machine of few cores the merge thread,
 * the writer and the searches compete for the same cores, and a merge running flat out takes a
 * search's core for seconds; paced, the merge takes longer but searches keep their core and the
 * writer its rate.
 */
final class MergeThrottle {
    /** Documents between two checks: a check costs a thread-CPU-clock read. */
    private static final int CHECK_EVERY = 64;
    /** Shorter naps are not worth a park (the scheduler's own granularity). */
    private static final long MIN_NAP_NANOS = 1_000_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final double share;
    private final BooleanSupplier searching;
    private final boolean paced;
    /** Since when searches have run, on the wall clock and this thread's CPU clock; -1: none ran at the last check. */
    private long sinceNanos = -1;
    private long sinceCpuNanos;
    private int sinceCheck;

    private MergeThrottle(double share, BooleanSupplier searching) {
        this.share = share;
        this.searching = searching;
        this.paced = share < 1.0 && THREADS.isCurrentThreadCpuTimeSupported();
    }

    /** A throttle for a merge on this thread: at most {@code share} of a core while this process runs searches (1: never paced). */
    static MergeThrottle starting(double share) {
        return starting(share, SearchesInFlight::any);
    }

    /** The same, with what tells whether searches run now. */
    static MergeThrottle starting(double share, BooleanSupplier searching) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a merge's core share must be in (0, 1], got " + share);
        }
        return new MergeThrottle(share, searching);
    }

    /** Called after each document the merge adds: sleeps when searches run and the merge is ahead of its share. */
    void pace() {
        if (!paced || ++sinceCheck < CHECK_EVERY) {
            return;
        }
        sinceCheck = 0;
        if (!searching.getAsBoolean()) {
            sinceNanos = -1;
            return;
        }
        long now = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        if (sinceNanos < 0) {
            sinceNanos = now;
            sinceCpuNanos = cpu;
            return;
        }
        long ahead = (long) ((cpu - sinceCpuNanos) / share) - (now - sinceNanos);
        if (ahead >= MIN_NAP_NANOS) {
            LockSupport.parkNanos(ahead);
        }
    }
}
