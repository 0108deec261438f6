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

    @Test
    void aStaleMembersRefusedLeaveGroupIsExpected() throws Exception {
        Path log = dir.resolve("spork.log");
        Files.write(log, List.of(
                "23:52:58.834 ERROR ConsumerCoordinator - [Consumer clientId=c-1, groupId=spork-encode] LeaveGroup request with"
                        + " Generation{generationId=6, memberId='c-1-e08849fc', protocol='stream'} failed with error: The coordinator is"
                        + " not aware of this member.",
                "23:52:59.000 ERROR ConsumerCoordinator - [Consumer clientId=c-1, groupId=spork-encode] JoinGroup failed: The coordinator"
                        + " is not aware of this member."));
        List<String> unexpected = LogAudit.unexpectedErrors(log, List.of(LogAudit.LEFT_THE_GROUP_AFTER_ITS_SESSION_EXPIRED));
        assertEquals(1, unexpected.size(), unexpected.toString());
        assertEquals(true, unexpected.get(0).contains("JoinGroup failed"));
    }

    @Test
    void aFailedCommitIsExpectedOnlyWithTheCauseThatExplainsIt() throws Exception {
        Path log = dir.resolve("spork.log");
        Files.write(log, List.of(
                "23:30:19.333 ERROR SporkStreams - stream thread failed; replacing it",
                "org.apache.kafka.streams.errors.StreamsException: Error encountered trying to commit a transaction [stream-thread [a-1]]",
                "\tat org.apache.kafka.streams.processor.internals.StreamsProducer.commitTransaction(StreamsProducer.java:278)",
                "Caused by: org.apache.kafka.common.errors.InvalidTxnStateException: The producer attempted a transactional operation in an invalid state.",
                "23:31:02.000 ERROR SporkStreams - stream thread failed; replacing it",
                "org.apache.kafka.streams.errors.StreamsException: Error encountered trying to commit a transaction [stream-thread [a-2]]",
                "\tat org.apache.kafka.streams.processor.internals.StreamsProducer.commitTransaction(StreamsProducer.java:278)",
                "Caused by: org.apache.kafka.common.KafkaException: Unhandled error in EndTxnResponse: The server experienced an unexpected error",
                "23:31:03.000 ERROR HttpApi - GET /search failed",
                "Caused by: org.apache.kafka.common.errors.InvalidTxnStateException: not the cause of this one"));
        List<String> unexpected = LogAudit.unexpectedErrors(log, List.of(LogAudit.COMMIT_OF_A_TRANSACTION_THE_BROKER_ABORTED));
        assertEquals(2, unexpected.size(), unexpected.toString());
        assertEquals(true, unexpected.get(0).contains("[a-2]"));
        assertEquals(true, unexpected.get(1).contains("GET /search failed"));
        assertEquals(java.util.Map.of(LogAudit.COMMIT_OF_A_TRANSACTION_THE_BROKER_ABORTED.why(), 1),
                LogAudit.explainedErrors(log, List.of(LogAudit.COMMIT_OF_A_TRANSACTION_THE_BROKER_ABORTED)));
    }
}
