package io.spork.app;

import static io.spork.testing.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
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
 * {@code ?wait=searchable}: the answer comes once the write is searchable, so a search or read
 * sent right after it sees it; past the timeout, 202 with searchable: false (accepted, not an
 * error: the write is applied later, and reads here are real-time for it). Without the parameter
 * the answer stays the asynchronous 202.
 */
class ReadYourWritesIntegrationTest {
    private static final Duration APPLIED = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void waitSearchableAnswersOnceSearchesSeeTheWrite() throws Exception {
        SporkConfig config = SporkConfig.builder()
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(HttpSettings.PORT, "0")
                .set(TopicSettings.PARTITIONS, "2")
                // Batches wait a second: a write is never searchable within the 50 ms timeout below, nor before the reads that follow a 202.
                .set(EncoderSettings.MAX_WAIT_MS, "1000")
                .build();
        try (DevStack stack = DevStack.start(config, dataDir, TopologyObserver.NONE)) {
            HttpJson http = new HttpJson(stack.node().baseUrl());
            Eventually.await("/ready", APPLIED, () -> http.get("/ready").status() == 200);

            for (int i = 0; i < 5; i++) {
                String id = "w" + i;
                HttpJson.Response posted = http.post("/documents?wait=searchable&timeout=30000",
                        "{\"id\": \"" + id + "\", \"text\": \"A zebra and a giraffe at the zoo, number " + i + ".\"}");
                assertEquals(200, posted.status(), String.valueOf(posted.body()));
                assertTrue(posted.body().get("searchable").asBoolean());
                assertTrue(ids(http.search("zebra giraffe", 20)).contains(id), id + " is found by the very next search");
                assertEquals(200, http.get("/documents/" + id).status());
            }
            HttpJson.Response updated = http.post("/documents?wait=searchable",
                    "{\"id\": \"w0\", \"text\": \"A quiet afternoon reading in the library.\"}");
            assertEquals(200, updated.status());
            assertTrue(ids(http.search("library reading", 10)).contains("w0"));
            assertFalse(ids(http.search("zebra giraffe", 20)).contains("w0"), "the update replaced w0's old text at once");
            assertEquals(200, http.post("/documents?wait=searchable", "{\"id\": \"w0\", \"text\": \"A quiet afternoon reading in the library.\"}").status(),
                    "an unchanged document is searchable already");

            // Ids holding "%", "/" or non-ASCII characters read back through their percent-encoded path.
            for (String id : List.of("%C2%80%C2%B5", "a/b%2Fc", "\u0080\u00b5 x")) {
                String body = "{\"id\": " + io.spork.schema.JsonSerde.MAPPER.writeValueAsString(id) + ", \"text\": \"An odd name.\"}";
                assertEquals(200, http.post("/documents?wait=searchable", body).status(), id);
                HttpJson.Response read = http.get("/documents/" + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"));
                assertEquals(200, read.status(), id);
                assertEquals(id, read.body().get("id").asText());
            }

            HttpJson.Response deleted = http.delete("/documents/w1?wait=searchable&timeout=20000");
            assertEquals(200, deleted.status(), String.valueOf(deleted.body()));
            assertEquals(404, http.get("/documents/w1").status(), "a delete waited for is gone for the next read");
            assertFalse(ids(http.search("zebra giraffe", 20)).contains("w1"));
            assertEquals(200, http.delete("/documents/never-existed?wait=searchable").status(), "deleting an unknown id is searchable at once");
            // The contract test's stateful sequence: create, delete with a wait too short to see it
            // applied, read. The delete is accepted (a 2xx, so a client knows it happened) and the
            // read that follows is the 404 of a deleted document, at once and once it is applied.
            HttpJson.Response hurried = http.delete("/documents/w2?wait=searchable&timeout=1");
            assertEquals(202, hurried.status(), String.valueOf(hurried.body()));
            assertFalse(hurried.body().get("searchable").asBoolean());
            assertEquals(404, http.get("/documents/w2").status(), "the accepted delete is real-time for GET here");
            Eventually.await("the hurried delete applied", APPLIED, () -> !ids(http.search("zebra giraffe", 20)).contains("w2"));
            assertEquals(404, http.get("/documents/w2").status());

            HttpJson.Response late = http.post("/documents?wait=searchable&timeout=50", "{\"id\": \"late\", \"text\": \"A rocket on its way to the moon.\"}");
            assertEquals(202, late.status(), String.valueOf(late.body()));
            assertFalse(late.body().get("searchable").asBoolean(), "not searchable within 50 ms: accepted, said so");
            assertEquals(200, http.get("/documents/late").status(), "a write past its wait is real-time for GET here");
            Eventually.await("the write that timed out is applied all the same", APPLIED,
                    () -> ids(http.search("rocket moon", 10)).contains("late"));

            HttpJson.Response async = http.post("/documents", "{\"id\": \"async\", \"text\": \"Sunny weather at the beach.\"}");
            assertEquals(202, async.status(), "without wait the answer stays asynchronous");
            assertFalse(async.body().has("searchable"));
            HttpJson.Response readBack = http.get("/documents/async");
            assertEquals(200, readBack.status(), "GET by id is real-time for a write acknowledged by this instance");
            assertEquals("Sunny weather at the beach.", readBack.body().get("text").asText());
            assertTrue(readBack.body().path("pending").asBoolean(), "not indexed yet: said so, without a vector");
            assertFalse(ids(http.search("sunny beach", 10)).contains("async"), "searches see it only once it is indexed");
            Eventually.await("the pending document indexed", APPLIED, () -> !http.get("/documents/async").body().has("pending"));
            assertTrue(http.get("/documents/async").body().get("vector").size() > 0);
            assertEquals(202, http.delete("/documents/async").status());
            assertEquals(404, http.get("/documents/async").status(), "a delete acknowledged here is real-time for GET as well");

            assertError(http.post("/documents?wait=visible", "{\"id\": \"x\", \"text\": \"x\"}"), 400, "'wait' must be 'searchable'");
            assertError(http.post("/documents?wait=searchable&timeout=soon", "{\"id\": \"x\", \"text\": \"x\"}"), 400, "whole number");
            assertError(http.delete("/documents/x?wait=searchable&timeout=0"), 400, "between 1 and 30000");
            assertError(http.delete("/documents/x?wait=searchable&timeout=30001"), 400, "between 1 and 30000");
        }
    }

    private static List<String> ids(HttpJson.Response r) {
        List<String> ids = new ArrayList<>();
        r.body().get("hits").forEach(h -> ids.add(h.get("id").asText()));
        return ids;
    }
}
