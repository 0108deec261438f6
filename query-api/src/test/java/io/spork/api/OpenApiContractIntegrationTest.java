package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.app.DevStack;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.kafka.TopicSettings;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.PythonEnvironment;
import io.spork.testing.TestModels;
import io.spork.topology.TopologyObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served OpenAPI document is the contract: Schemathesis (pinned in src/test/python/
 * requirements.txt) generates requests from it, valid and invalid, runs every check it has
 * ({@code --checks all}: server errors, status codes, content types, response schemas, rejection
 * of invalid and acceptance of valid data, 405 for unserved methods, resource availability and
 * use after delete) through all its phases, stateful included, against the dev stack, and must
 * find nothing. Settings and their reasons: src/test/python/schemathesis.toml.
 */
class OpenApiContractIntegrationTest {
    private static final Duration READY = Duration.ofSeconds(60);
    /** Fixed, so a failure can be replayed; fuzz with another seed by hand (README). */
    private static final String SEED = "16";
    private static final String EXAMPLES_PER_OPERATION = "60";

    @TempDir
    Path dataDir;

    @Test
    void schemathesisFindsNothingAgainstTheDevStack() {
        PythonEnvironment python = PythonEnvironment.get();
        SporkConfig config = SporkConfig.builder()
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(HttpSettings.PORT, "0")
                .set(TopicSettings.PARTITIONS, "2")
                .build();
        try (DevStack stack = DevStack.start(config, dataDir, TopologyObserver.NONE)) {
            HttpJson http = new HttpJson(stack.node().baseUrl());
            Eventually.await("/ready", READY, () -> http.get("/ready").status() == 200);
            String out;
            try {
                out = PythonEnvironment.run(List.of(python.tool("st").toString(),
                        "--config-file", python.script("schemathesis.toml").toString(),
                        "run", stack.node().baseUrl() + "/openapi.json",
                        "--checks", "all",
                        "--max-examples", EXAMPLES_PER_OPERATION,
                        "--seed", SEED,
                        "--workers", "1",
                        // Longer than the longest wait=searchable (http.wait-timeout-ms), which ends in a 202.
                        "--request-timeout", "40",
                        "--no-color"), Duration.ofMinutes(8), python.workDir());
            } catch (IllegalStateException failed) {
                throw new AssertionError("Schemathesis found contract violations:\n" + failed.getMessage());
            }
            System.out.println(out);
            assertTrue(out.contains("passed"), out);
        }
    }
}
