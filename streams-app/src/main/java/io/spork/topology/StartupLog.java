package io.spork.topology;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs when each step of an instance's start finished, in milliseconds since the JVM started
 * ({@code startup: STEP at N ms}), so a slow start or crash restart can be broken down from the
 * log alone: JVM, model, group joins, segment loads, readiness. {@code bench index} reads these lines.
 */
public final class StartupLog {
    private static final Logger LOG = LoggerFactory.getLogger(StartupLog.class);
    /** The line's shape, for readers of the log. */
    public static final String PATTERN = "startup: (.+) at (\\d+) ms";

    private StartupLog() {
    }

    /** Logs that {@code step} finished now. */
    public static void reached(String step) {
        LOG.info("startup: {} at {} ms", step, ManagementFactory.getRuntimeMXBean().getUptime());
    }

    /** The JVM's own start, in epoch milliseconds, so a parent that spawned it can count the time before. */
    public static void jvmStarted() {
        LOG.info("startup: JVM started at epoch ms {}", ManagementFactory.getRuntimeMXBean().getStartTime());
    }
}
