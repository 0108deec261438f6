package io.spork.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.function.Predicate;

/**
 * CPU seconds of this process and of some of its threads (the index stage's stream threads): whether a stage is bound by its own thread's CPU or waits for something else
 * (the broker, a commit), read beside the wall clock of one phase.
 */
final class CpuClock {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuClock() {
    }

    /** CPU seconds this process used so far (every thread, the in-process broker included), or -1. */
    static double process() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return -1;
    }

    /** CPU seconds so far of the live threads whose names match. */
    static double threads(Predicate<String> name) {
        double total = 0;
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && name.test(info.getThreadName())) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                total += nanos > 0 ? nanos / 1e9 : 0;
            }
        }
        return total;
    }
}
