package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.dev.EmbeddedKafkaBroker;
import io.spork.testing.EncodedCorpus;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.LogAudit;
import io.spork.testing.SporkProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILLs an instance under exactly-once while the index stage writes, and checks that the
 * restarted one keeps its stores (they commit their data with their changelog offsets, so they
 * are not wiped) and replays only the changelog tail written after the last commit its stores
 * made durable: at most the documents produced after everything before them was committed, never
 * the whole history. Then every document is searchable and every search exact.
 */
class CrashReplayIntegrationTest {
    private static final int COMMITTED = 1200;
    private static final int TAIL = 300;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void aSigkilledInstanceReplaysOnlyTheUncommittedTail() throws Exception {
        EncodedCorpus corpus = EncodedCorpus.of(COMMITTED + TAIL, 11);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"))) {
            int port = freePort();
            Path config = writeConfig(broker.bootstrapServers(), port);
            HttpJson http = new HttpJson("http://localhost:" + port);
            Path firstLog = dir.resolve("first.log");
            Path secondLog = dir.resolve("second.log");

            SporkProcess first = SporkProcess.start(config, firstLog);
            Eventually.await("the first process to be ready", WAIT, () -> ready(http, first));
            corpus.produce(broker.bootstrapServers(), "vectors", 0, COMMITTED);
            Eventually.await("the first documents to be indexed", WAIT, () -> documents(http) == COMMITTED);
            // Several commit intervals: every store has made these documents durable.
            Thread.sleep(1500);
            corpus.produce(broker.bootstrapServers(), "vectors", COMMITTED, COMMITTED + TAIL);
            Eventually.await("the tail to be under way", WAIT, () -> documents(http) > COMMITTED);
            first.kill();

            long restarted = System.nanoTime();
            try (SporkProcess second = SporkProcess.start(config, secondLog)) {
                Eventually.await("every document searchable after the restart", WAIT,
                        () -> ready(http, second) && documents(http) == COMMITTED + TAIL);
                System.out.printf("crash restart: every document searchable %.1f s after the restart%n", (System.nanoTime() - restarted) / 1e9);
                List<String> missing = new ArrayList<>();
                for (int i = 0; i < COMMITTED + TAIL; i++) {
                    if (http.get("/documents/" + EncodedCorpus.id(i)).status() != 200) {
                        missing.add(EncodedCorpus.id(i));
                    }
                }
                assertEquals(List.of(), missing, "documents not found after the restart");
                assertEquals(List.of(), corpus.inexactSearches(http, COMMITTED + TAIL), "searches after the restart");
            }
            String log = Files.readString(secondLog);
            assertTrue(!log.contains("are corrupted and hence need to be re-initialized"), "a store was wiped after the crash");
            long documentsReplayed = EncodedCorpus.replayed(secondLog, "spork-documents");
            long allReplayed = EncodedCorpus.replayed(secondLog, "spork-");
            System.out.printf("crash restart: %d document-store records replayed (%d documents were committed before the tail), %d in all%n",
                    documentsReplayed, COMMITTED, allReplayed);
            assertTrue(documentsReplayed <= TAIL, "replayed " + documentsReplayed + " document-store records: more than the tail of " + TAIL);
            assertEquals(List.of(), LogAudit.unexpectedErrors(secondLog, List.of(LogAudit.TASK_MIGRATED)),
                    "ERRORs in the restarted instance's log");
        }
    }

    private Path writeConfig(String bootstrap, int port) throws IOException {
        return SporkProcess.writeConfig(dir.resolve("spork.properties"), bootstrap, port, dir.resolve("state"),
                "topics.partitions=2",
                "topics.replication-factor=1",
                "streams.num-standby-replicas=0",
                "streams.session-timeout-ms=6000");
    }

    static boolean ready(HttpJson http, SporkProcess process) {
        if (!process.isAlive()) {
            throw new AssertionError("Spork exited:\n" + process.logTail());
        }
        try {
            return http.get("/ready").status() == 200;
        } catch (IllegalStateException notListening) {
            return false;
        }
    }

    static long documents(HttpJson http) {
        try {
            return http.get("/stats").body().get("documents").asLong();
        } catch (IllegalStateException notListening) {
            return -1;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
