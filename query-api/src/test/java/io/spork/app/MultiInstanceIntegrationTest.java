package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.dev.EmbeddedKafkaBroker;
import io.spork.encoder.EncoderSettings;
import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.TestModels;
import io.spork.topology.TopologyObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Spork instances (one application id, separate state directories and HTTP ports) share four
 * partitions of one broker. A search on either returns the same global top-k; when one stops,
 * searches are complete again once the rebalance ends, and during it they are complete or marked
 * partial, never silently short.
 */
class MultiInstanceIntegrationTest {
    private static final int PARTITIONS = 4;
    private static final int DOCUMENTS = 40;
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final String[] TOPICS = {"heart disease treatment", "football stadium crowd", "rain and sunny weather",
            "library books reading", "rocket launch to the moon"};

    @TempDir
    Path dir;

    @Test
    void searchIsGlobalOnEveryInstanceAndSurvivesLosingOne() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"))) {
            SporkNode a = SporkNode.start(config(broker), dir.resolve("state-a"), TopologyObserver.NONE);
            try (SporkNode b = SporkNode.start(config(broker), dir.resolve("state-b"), TopologyObserver.NONE)) {
                HttpJson httpA = new HttpJson(a.baseUrl());
                HttpJson httpB = new HttpJson(b.baseUrl());
                for (int i = 0; i < DOCUMENTS; i++) {
                    assertEquals(202, httpA.post("/documents", "{\"id\": \"doc-" + i + "\", \"text\": \"" + TOPICS[i % TOPICS.length]
                            + " number " + i + "\"}").status());
                }
                Eventually.await("both instances to serve every partition between them", SETTLE, () ->
                        complete(httpA) && complete(httpB)
                                && a.streams().indexes().partitions().size() + b.streams().indexes().partitions().size() == PARTITIONS);
                Eventually.await("every document indexed", SETTLE, () ->
                        a.streams().indexes().documentCount() + b.streams().indexes().documentCount() == DOCUMENTS);
                assertTrue(a.streams().indexes().documentCount() > 0 && b.streams().indexes().documentCount() > 0,
                        "documents are spread over both instances");

                List<JsonNode> expected = new ArrayList<>();
                for (String q : TOPICS) {
                    JsonNode fromA = httpA.search(q, 10).body();
                    JsonNode fromB = httpB.search(q, 10).body();
                    assertEquals(fromA.get("hits"), fromB.get("hits"), "the same global top-k on both instances for '" + q + "'");
                    assertTrue(fromA.get("hits").size() >= DOCUMENTS / TOPICS.length, "every document of the topic is found");
                    assertEquals(PARTITIONS, fromA.get("partitions").get("answered").asInt());
                    expected.add(fromA.get("hits"));
                }

                assertReadYourWritesAcrossInstances(httpA, httpB);

                a.close();
                long deadline = System.nanoTime() + SETTLE.toNanos();
                boolean completeAgain = false;
                while (!completeAgain && System.nanoTime() < deadline) {
                    for (int t = 0; t < TOPICS.length; t++) {
                        JsonNode r = httpB.search(TOPICS[t], 10).body();
                        if (!r.get("partial").asBoolean()) {
                            assertEquals(expected.get(t), r.get("hits"), "a complete answer during fail-over must be right");
                        }
                    }
                    completeAgain = complete(httpB) && b.streams().indexes().partitions().size() == PARTITIONS;
                    Thread.sleep(200);
                }
                assertTrue(completeAgain, "instance b took over every partition");
                for (int t = 0; t < TOPICS.length; t++) {
                    JsonNode r = httpB.search(TOPICS[t], 10).body();
                    assertEquals(expected.get(t), r.get("hits"), "after fail-over, '" + TOPICS[t] + "'");
                    assertEquals(PARTITIONS, r.get("partitions").get("answered").asInt());
                }
                assertEquals(DOCUMENTS, b.streams().indexes().documentCount());
            }
        }
    }

    /** Written through one instance with wait=searchable, read at once through the other (either may own the id). */
    private static void assertReadYourWritesAcrossInstances(HttpJson writer, HttpJson reader) {
        for (int i = 0; i < 6; i++) {
            String id = "ryw-" + i;
            assertEquals(200, writer.post("/documents?wait=searchable", "{\"id\": \"" + id + "\", \"text\": \"zebra and giraffe " + i + "\"}").status());
            assertEquals(200, reader.get("/documents/" + id).status(), id + " readable through the other instance at once");
            List<String> hits = new ArrayList<>();
            reader.search("zebra giraffe", 20).body().get("hits").forEach(h -> hits.add(h.get("id").asText()));
            assertTrue(hits.contains(id), id + " found through the other instance at once");
            assertEquals(200, reader.delete("/documents/" + id + "?wait=searchable").status());
            assertEquals(404, writer.get("/documents/" + id).status(), id + " gone for the first instance at once");
        }
    }

    private static boolean complete(HttpJson http) {
        JsonNode r = http.search("weather", 1).body();
        return !r.get("partial").asBoolean();
    }

    private SporkConfig config(EmbeddedKafkaBroker broker) {
        return SporkConfig.builder()
                .set(KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(HttpSettings.PORT, "0")
                .set(TopicSettings.PARTITIONS, Integer.toString(PARTITIONS))
                .set(KafkaSettings.NUM_STANDBY_REPLICAS, "1")
                .set(KafkaSettings.SESSION_TIMEOUT_MS, "6000")
                .build();
    }
}
