package io.spork.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of this JVM's threads between two moments, summed by thread group (the name without its
 * trailing numbers), for a benchmark's profile: which threads took the cores the model needed.
 * Threads that ended in between are not counted; ONNX Runtime's own pool threads are not Java
 * threads, so an intra-op pool shows only through the thread that called it.
 */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> startNanos = new HashMap<>();
    private final long startProcessNanos = processCpuNanos();
    private final long startWall = System.nanoTime();

    ThreadCpu() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
        for (long id : threads.getAllThreadIds()) {
            startNanos.put(id, Math.max(0, threads.getThreadCpuTime(id)));
        }
    }

    /** CPU seconds of the whole process (every thread, ONNX Runtime's pools included) since construction. */
    double processCpuSeconds() {
        return (processCpuNanos() - startProcessNanos) / 1e9;
    }

    /** CPU seconds per thread group since construction, largest first, as one line. */
    String since() {
        Map<String, Long> byGroup = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long now = threads.getThreadCpuTime(id);
            ThreadInfo info = threads.getThreadInfo(id);
            if (now < 0 || info == null) {
                continue;
            }
            String group = info.getThreadName().replaceAll("[-_ ]?\\d+$", "").replaceAll("-StreamThread-\\d+.*", "-StreamThread");
            byGroup.merge(group, now - startNanos.getOrDefault(id, 0L), Long::sum);
        }
        TreeMap<Long, String> ordered = new TreeMap<>();
        byGroup.forEach((group, nanos) -> ordered.merge(nanos, group, (a, b) -> a + ", " + b));
        StringBuilder line = new StringBuilder();
        long total = 0;
        for (var e : ordered.descendingMap().entrySet()) {
            total += e.getKey();
            if (line.length() < 600 && e.getKey() >= 50_000_000L) {
                line.append(String.format("%s %.1f s; ", e.getValue(), e.getKey() / 1e9));
            }
        }
        double wall = (System.nanoTime() - startWall) / 1e9;
        return String.format("the process %.1f CPU s in %.1f s (%.2f cores), %.1f of them in Java threads: %s",
                (processCpuNanos() - startProcessNanos) / 1e9, wall, (processCpuNanos() - startProcessNanos) / 1e9 / wall, total / 1e9, line);
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }
}
