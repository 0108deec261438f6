package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.app.DevStack;
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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short, bounded run of the load driver on loopback (the full run is `./spork bench load`):
 * concurrent searches and posts answer without a single error, and no acknowledged post is lost.
 * It asserts correctness only; the figures are the benchmark's business.
 */
class LoadIntegrationTest {
    @TempDir
    Path dataDir;

    @Test
    void concurrentSearchesAndPostsLoseNothing() throws Exception {
        SporkConfig config = SporkConfig.builder()
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(HttpSettings.PORT, "0")
                .set(TopicSettings.PARTITIONS, "2")
                .build();
        try (DevStack stack = DevStack.start(config, dataDir, TopologyObserver.NONE)) {
            HttpJson http = new HttpJson(stack.node().baseUrl());
            Eventually.await("ready", Duration.ofSeconds(30), () -> http.get("/ready").status() == 200);
            List<String> texts = List.of("The weather is lovely today.", "He drove to the stadium.", "A quiet afternoon in the library.",
                    "Insulin resistance in patients with type 2 diabetes.", "A vaccine trial measured the immune response.");
            LoadBenchmark.Report report = LoadBenchmark.drive(stack.node().baseUrl(), texts, 20, 4, Duration.ofSeconds(4), 0.3,
                    () -> stack.node().streams().indexes().documentCount());
            assertEquals(0, report.errors(), "no request failed");
            assertTrue(report.searches() > 0 && report.posts() > 0, "both kinds of request ran");
            assertEquals(report.expectedDocuments(), report.indexedDocuments(), "every acknowledged post is indexed");
            assertEquals(report.expectedDocuments(), http.get("/stats").body().get("documents").asLong());
        }
    }
}
