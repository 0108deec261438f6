package io.spork.app;

import static io.spork.app.CrashReplayIntegrationTest.documents;
import static io.spork.app.CrashReplayIntegrationTest.freePort;
import static io.spork.app.CrashReplayIntegrationTest.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.dev.EmbeddedKafkaBroker;
import io.spork.testing.EncodedCorpus;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.SporkProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances with one standby replica each: every partition is active on one and a standby on
 * the other. The instance that holds some partitions active is SIGKILLed; the survivor promotes its
 * standbys, which already hold the stores (it replays at most a small tail, not the partitions'
 * history), and then answers every search alone, complete and exact against the oracle.
 */
class StandbyPromotionIntegrationTest {
    private static final int DOCUMENTS = 1200;
    private static final int PARTITIONS = 2;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theSurvivorPromotesItsStandbysAndSearchesStayExact() throws Exception {
        EncodedCorpus corpus = EncodedCorpus.of(DOCUMENTS, 23);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"))) {
            int portA = freePort();
            int portB = freePort();
            HttpJson a = new HttpJson("http://localhost:" + portA);
            HttpJson b = new HttpJson("http://localhost:" + portB);
            Path logB = dir.resolve("b.log");
            SporkProcess first = SporkProcess.start(writeConfig("a", broker.bootstrapServers(), portA), dir.resolve("a.log"));
            try (SporkProcess survivor = SporkProcess.start(writeConfig("b", broker.bootstrapServers(), portB), logB)) {
                // Both join before any data, so each gets active partitions (no warm-up needed).
                Eventually.await("both instances ready, each with an active partition", WAIT,
                        () -> ready(a, first) && ready(b, survivor) && activePartitions(a) > 0 && activePartitions(b) > 0);
                corpus.produce(broker.bootstrapServers(), "vectors", 0, DOCUMENTS);
                Eventually.await("every document indexed across both", WAIT, () -> documents(a) + documents(b) == DOCUMENTS);
                assertEquals(List.of(), corpus.inexactSearches(b, DOCUMENTS), "searches of two instances");
                // Commit intervals pass: the standbys have applied the changelogs.
                Thread.sleep(1500);
                long replayedBefore = EncodedCorpus.replayed(logB, "spork-");
                long onA = documents(a);

                first.kill();
                long killed = System.nanoTime();
                Eventually.await("the survivor to serve every partition", WAIT,
                        () -> ready(b, survivor) && activePartitions(b) == PARTITIONS && documents(b) == DOCUMENTS);
                double promotion = (System.nanoTime() - killed) / 1e9;
                assertEquals(List.of(), corpus.inexactSearches(b, DOCUMENTS), "searches of the survivor alone");
                long replayed = EncodedCorpus.replayed(logB, "spork-") - replayedBefore;
                System.out.printf("standby promotion: every partition served by the survivor %.1f s after the kill (streams.session-timeout-ms=6000),"
                        + " %d changelog records replayed for %d documents moved%n", promotion, replayed, onA);
                assertTrue(replayed < onA, "the promoted standbys replayed " + replayed + " records for " + onA
                        + " documents: they were restored, not kept warm");
            }
        }
    }

    private static int activePartitions(HttpJson http) {
        try {
            return http.get("/stats").body().get("partitions").size();
        } catch (IllegalStateException notListening) {
            return -1;
        }
    }

    private Path writeConfig(String name, String bootstrap, int port) throws IOException {
        return SporkProcess.writeConfig(dir.resolve(name + ".properties"), bootstrap, port, dir.resolve("state-" + name),
                "encoder.intra-op-threads=1",
                "topics.partitions=" + PARTITIONS,
                "topics.replication-factor=1",
                "streams.num-standby-replicas=1",
                "streams.session-timeout-ms=6000");
    }
}
