package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The crash phase's breakdown: each start-up step of the child's log, in seconds after the spawn. */
class CrashRestartBreakdownTest {
    @Test
    void stepsAreCountedFromTheSpawnInTheOrderLoggedFirstOccurrenceOnly() {
        String log = """
                05:17:21.100 INFO StartupLog - startup: JVM started at epoch ms 1000200
                05:17:21.600 INFO StartupLog - startup: node start at 500 ms
                05:17:22.000 INFO RestoreLog - restored spork-documents partition 0: 0 changelog records replayed
                05:17:22.300 INFO StartupLog - startup: index stage REBALANCING at 1200 ms
                05:17:23.300 INFO StartupLog - startup: index partition 0 open (640 ms) at 2150 ms
                05:17:23.400 INFO StartupLog - startup: index stage RUNNING at 2300 ms
                05:17:23.500 INFO StartupLog - startup: index stage REBALANCING at 2400 ms
                05:17:23.900 INFO StartupLog - startup: ready at 2804 ms
                """;
        assertEquals("JVM started 0.20, node start 0.70, index stage REBALANCING 1.40, index partition 0 open (640 ms) 2.35,"
                + " index stage RUNNING 2.50, ready 3.00", CrashRestartPhase.breakdown(log, 1_000_000));
    }

    @Test
    void aLogWithoutStepsSaysSo() {
        assertEquals("(no start-up steps in the log)", CrashRestartPhase.breakdown("05:17:21.100 INFO x - nothing\n", 0));
    }
}
