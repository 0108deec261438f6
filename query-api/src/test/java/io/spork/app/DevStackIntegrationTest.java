package io.spork.app;

import static io.spork.testing.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * End to end through HTTP on the embedded default: a real in-JVM KRaft broker, the topology, the
 * API and the bundled model. Posts, updates and deletes documents and searches for them, then
 * restarts the stack on the same data directory.
 */
class DevStackIntegrationTest {
    private static final Duration INDEXED = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private static SporkConfig config() {
        return SporkConfig.builder()
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(HttpSettings.PORT, "0")
                .set(TopicSettings.PARTITIONS, "2")
                .build();
    }

    @Test
    void postSearchUpdateDeleteAndRestart() {
        try (DevStack stack = DevStack.start(config(), dataDir, TopologyObserver.NONE)) {
            HttpJson http = new HttpJson(stack.node().baseUrl());
            Eventually.await("/ready", INDEXED, () -> http.get("/ready").status() == 200);
            assertEquals(200, http.get("/health").status());

            HttpJson.Response posted = http.post("/documents",
                    "{\"id\": \"d1\", \"title\": \"Stadium\", \"text\": \"He drove to the stadium.\", \"fields\": {\"src\": \"test\"}}");
            assertEquals(202, posted.status());
            assertEquals("d1", posted.body().get("id").asText());
            http.post("/documents", "{\"id\": \"d2\", \"title\": \"Weather\", \"text\": \"The weather is lovely today.\"}");
            Eventually.await("both documents searchable", INDEXED, () -> http.get("/stats").body().get("documents").asInt() == 2);

            JsonNode hits = http.searchSplade("stadium", 10).body().get("hits");
            assertEquals("d1", hits.get(0).get("id").asText());
            assertEquals("Stadium", hits.get(0).get("title").asText());
            assertTrue(hits.get(0).get("score").asDouble() > 1.0, hits.toString());
            JsonNode hybrid = http.search("stadium", 10).body().get("hits");
            assertTrue(hybrid.get(0).get("parts").get("splade").get("score").asDouble() > 1.0, "the default search is hybrid: " + hybrid);
            assertEquals(List.of("d2"), ids(http.search("lovely weather", 10)).subList(0, 1));

            http.post("/documents", "{\"id\": \"d1\", \"title\": \"Library\", \"text\": \"A quiet afternoon reading in the library.\"}");
            Eventually.await("the update of d1", INDEXED, () -> ids(http.search("library", 10)).contains("d1"));
            assertTrue(!ids(http.search("stadium", 10)).contains("d1"), "a term only the old text had no longer finds d1");

            assertEquals(202, http.delete("/documents/d1").status());
            Eventually.await("the delete of d1", INDEXED, () -> !ids(http.search("library", 10)).contains("d1"));
            assertEquals(1, http.get("/stats").body().get("documents").asInt());
        }
        try (DevStack again = DevStack.start(config(), dataDir, TopologyObserver.NONE)) {
            HttpJson http = new HttpJson(again.node().baseUrl());
            Eventually.await("/ready after restart", INDEXED, () -> http.get("/ready").status() == 200);
            Eventually.await("d2 after restart", INDEXED, () -> ids(http.search("weather", 10)).contains("d2"));
            assertEquals(List.of("d2"), ids(http.search("weather", 10)));
            assertEquals(1, http.get("/stats").body().get("documents").asInt());
        }
    }

    @Test
    void badRequestsGetJsonErrors() {
        try (DevStack stack = DevStack.start(config(), dataDir, TopologyObserver.NONE)) {
            HttpJson http = new HttpJson(stack.node().baseUrl());
            assertError(http.get("/search"), 400, "'q' is required");
            assertError(http.get("/search?q=x&k=0"), 400, "between 1 and");
            assertError(http.get("/search?q=x&k=abc"), 400, "whole number");
            assertError(http.post("/documents", "{\"id\": "), 400, "not valid JSON");
            assertError(http.post("/documents", "{\"id\": \"a\"}"), 400, "non-blank 'title' or 'text'");
            assertError(http.get("/nowhere"), 404, "not found");
        }
    }


    private static List<String> ids(HttpJson.Response r) {
        List<String> ids = new ArrayList<>();
        r.body().get("hits").forEach(h -> ids.add(h.get("id").asText()));
        return ids;
    }
}
