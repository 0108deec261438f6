package io.spork.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogAuditTest {
    @TempDir
    Path dir;

    @Test
    void flagsOnlyTheErrorsNoExpectedFaultExplains() throws Exception {
        Path log = dir.resolve("spork.log");
        Files.write(log, List.of(
                "20:54:34.550 INFO SporkNode - started",
                "20:54:35.001 ERROR RecordCollectorImpl - stream-task [0_1] Error encountered sending record to topic x-changelog",
                "org.apache.kafka.common.errors.OutOfOrderSequenceException: Out of order sequence number",
                "20:54:36.002 ERROR TaskManager - Get exceptions: TaskCorruptedException: Tasks [0_0] are corrupted and hence need to be re-initialized",
                "20:54:37.003 ERROR HttpApi - GET /search failed",
                "java.lang.NullPointerException"));
        List<String> unexpected = LogAudit.unexpectedErrors(log, List.of(LogAudit.TASK_MIGRATED, LogAudit.STATE_REBUILT_AFTER_KILL));
        assertEquals(1, unexpected.size(), unexpected.toString());
        assertEquals(true, unexpected.get(0).contains("GET /search failed"));
        assertEquals(3, LogAudit.unexpectedErrors(log, List.of()).size());
    }
}
