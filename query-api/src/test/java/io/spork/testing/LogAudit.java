package io.spork.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Reads a process' log for ERROR lines and fails on any that is not on the list of expected
 * ones: an error nobody understood is a defect, even when the test's data checks pass. Each
 * expected error says why it is expected (README, "What the logs say").
 */
public final class LogAudit {
    /**
     * An ERROR that a fault legitimately causes, and why.
     *
     * @param line  found in the ERROR line or the one after it
     * @param cause null, or found in a "Caused by:" line of the ERROR's stack trace as well
     */
    public record Expected(Pattern line, Pattern cause, String why) {
        public Expected(Pattern line, String why) {
            this(line, null, why);
        }

        boolean explains(String context, List<String> causes) {
            return line.matcher(context).find() && (cause == null || causes.stream().anyMatch(c -> cause.matcher(c).find()));
        }
    }

    /**
     * A Kafka Streams producer whose transaction the broker refused (its epoch was bumped by a
     * restarted instance, or an out-of-order sequence during a transaction's first appends): the
     * task is closed dirty, its open transaction aborted, and it is revived from the changelog
     * and the committed offsets, so nothing is lost or applied twice.
     */
    public static final Expected TASK_MIGRATED = new Expected(
            Pattern.compile("since the producer is fenced, indicating the task may be migrated out"
                    + "|(ProducerFencedException|InvalidProducerEpochException|OutOfOrderSequenceException|TaskMigratedException)"),
            "a zombie or refused transaction: aborted, the task revived from its changelog (exactly-once)");

    /**
     * After a SIGKILL under exactly-once, a task's local stores have no checkpoint: Kafka Streams
     * declares them corrupted, wipes them and restores them from their changelogs (which hold
     * only committed writes).
     */
    public static final Expected STATE_REBUILT_AFTER_KILL = new Expected(
            Pattern.compile("TaskCorruptedException: Tasks \\[[^]]*\\] are corrupted and hence need to be re-initialized"),
            "local state of a killed instance wiped and restored from the changelog");

    /**
     * Under a broker fault a commit can be held up past the transaction timeout; the coordinator
     * then aborts the transaction itself (bumping the epoch), and a Kafka 4.3.1 broker answers the
     * late commit with INVALID_TXN_STATE, which clients treat as fatal (KAFKA-20785; later brokers
     * answer PRODUCER_FENCED). The transaction is rolled back, the stream thread is replaced, and its
     * tasks are restored from their changelogs and resume at the committed offsets (exactly-once).
     * Only this cause is expected: another commit failure (e.g. UNKNOWN_SERVER_ERROR) is not.
     */
    public static final Expected COMMIT_OF_A_TRANSACTION_THE_BROKER_ABORTED = new Expected(
            Pattern.compile("Error encountered trying to commit a transaction"),
            Pattern.compile("^Caused by: org\\.apache\\.kafka\\.common\\.errors\\.InvalidTxnStateException"),
            "a commit after the coordinator aborted the transaction (KAFKA-20785): rolled back, the thread replaced and restored");

    /**
     * An instance stopped past its session timeout was removed from the group meanwhile. On
     * resuming, its next commit is fenced by the group's generation (KIP-447: the transaction is
     * aborted, the tasks are closed as lost), and the consumer's LeaveGroup under its old member
     * id is refused, which the Kafka consumer logs at ERROR; it then joins again as a new member.
     */
    public static final Expected LEFT_THE_GROUP_AFTER_ITS_SESSION_EXPIRED = new Expected(
            Pattern.compile("LeaveGroup request with Generation\\{.*\\} failed with error: The coordinator is not aware of this member"),
            "a zombie's LeaveGroup after its session expired while it was stopped: it rejoins as a new member");

    private static final Pattern TIMESTAMPED = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d");

    private LogAudit() {
    }

    /** The ERROR lines of the log that no expected error explains. */
    public static List<String> unexpectedErrors(Path log, List<Expected> expected) throws IOException {
        List<String> unexpected = new ArrayList<>();
        audit(log, expected, (context, explainedBy) -> {
            if (explainedBy == null) {
                unexpected.add(context);
            }
        });
        return unexpected;
    }

    /** How many ERROR lines each expected error explains, by its {@code why} (for the test's report). */
    public static Map<String, Integer> explainedErrors(Path log, List<Expected> expected) throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        audit(log, expected, (context, explainedBy) -> {
            if (explainedBy != null) {
                counts.merge(explainedBy.why(), 1, Integer::sum);
            }
        });
        return counts;
    }

    private static void audit(Path log, List<Expected> expected, BiConsumer<String, Expected> verdict) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains(" ERROR ")) {
                continue;
            }
            // The exception's class is on the next line when the message does not name it.
            String context = line + (i + 1 < lines.size() ? "\n" + lines.get(i + 1) : "");
            List<String> causes = new ArrayList<>();
            for (int j = i + 1; j < lines.size() && !TIMESTAMPED.matcher(lines.get(j)).find(); j++) {
                if (lines.get(j).startsWith("Caused by: ")) {
                    causes.add(lines.get(j));
                }
            }
            verdict.accept(context, expected.stream().filter(e -> e.explains(context, causes)).findFirst().orElse(null));
        }
    }
}
