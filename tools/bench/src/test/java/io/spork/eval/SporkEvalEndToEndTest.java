package io.spork.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./spork eval} on the Spork model, end to end on a tiny BEIR directory: a fresh embedded
 * stack, the documents through Kafka, the queries through HTTP, with the bundled splade-tiny model.
 */
class SporkEvalEndToEndTest {
    private static final String REPO_ROOT_PROPERTY = "spork.repo.root";
    private static final long TIME_LIMIT_SECONDS = 120;

    @Test
    @Timeout(value = TIME_LIMIT_SECONDS, unit = TimeUnit.SECONDS)
    void indexesSearchesAndScoresATinyDataSet(@TempDir Path dir) throws Exception {
        String repoRoot = System.getProperty(REPO_ROOT_PROPERTY);
        assumeTrue(repoRoot != null, REPO_ROOT_PROPERTY + " is set by surefire");
        Path model = Path.of(repoRoot, "models", "splade-tiny");
        assumeTrue(Files.isDirectory(model), "the bundled model is at " + model);
        BeirReaderTest.writeDataSet(dir.resolve("beir"),
                "{\"_id\": \"d1\", \"title\": \"Paris\", \"text\": \"Paris is the capital and largest city of France.\"}\n"
                        + "{\"_id\": \"d2\", \"title\": \"Photosynthesis\", \"text\": \"Plants turn sunlight, water and carbon dioxide into glucose.\"}\n"
                        + "{\"_id\": \"d3\", \"title\": \"Volcanoes\", \"text\": \"A volcano erupts when molten magma rises to the surface.\"}\n"
                        + "{\"_id\": \"q1\", \"title\": \"\", \"text\": \"What is the capital of France?\"}\n",
                "{\"_id\": \"q1\", \"text\": \"What is the capital of France?\"}\n"
                        + "{\"_id\": \"q2\", \"text\": \"how do plants make glucose from sunlight\"}\n"
                        + "{\"_id\": \"q3\", \"text\": \"volcano magma eruption\"}\n",
                "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td3\t1\n");
        SporkConfig config = SporkConfig.defaults()
                .with(ConfigKeys.ENCODER_MODEL_DIR, model.toString())
                .with(ConfigKeys.ENCODER_DEVICE, "cpu")
                .with(ConfigKeys.TOPICS_PARTITIONS, "2");
        Path runFile = dir.resolve("spork.run");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int code = EvalCommand.run(new String[] {"--beir", dir.resolve("beir").toString(), "--k", "10", "--remove-query",
                        "--run-out", runFile.toString(), "--mode", "splade"}, config,
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("ndcg@10: 1.0000", lines.get(0), lines.toString());
        assertTrue(lines.contains("recall@100: 1.0000"), lines.toString());
        assertTrue(lines.contains("documents_indexed: 4"), lines.toString());
        assertTrue(lines.contains("model: spork"), lines.toString());
        List<String> runLines = Files.readAllLines(runFile);
        assertTrue(runLines.get(0).startsWith("q1 Q0 d1 1 "), "d1 first for q1, the document q1 removed: " + runLines);
        assertTrue(runLines.stream().noneMatch(l -> l.startsWith("q1 Q0 q1 ")), runLines.toString());
        assertTrue(runLines.stream().allMatch(l -> l.endsWith(" spork")), runLines.toString());

        // The brute-force check: the same encoder, exact dot products over every document, no stack.
        Path exactRun = dir.resolve("exact.run");
        ByteArrayOutputStream exactOut = new ByteArrayOutputStream();
        assertEquals(0, EvalCommand.run(new String[] {"--beir", dir.resolve("beir").toString(), "--k", "10", "--remove-query",
                        "--run-out", exactRun.toString(), "--model", "exact"}, config,
                new PrintStream(exactOut, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8)));
        List<String> exactLines = Files.readAllLines(exactRun);
        assertEquals(runLines.size(), exactLines.size(), "the pipeline returns every hit brute force finds: " + exactLines);
        for (int i = 0; i < runLines.size(); i++) {
            String[] spork = runLines.get(i).split(" ");
            String[] exact = exactLines.get(i).split(" ");
            assertEquals(exact[0] + " " + exact[2] + " " + exact[3], spork[0] + " " + spork[2] + " " + spork[3], "same document at the same rank");
            assertEquals(Double.parseDouble(exact[4]), Double.parseDouble(spork[4]), 1e-3, "same score: " + runLines.get(i));
        }
        assertEquals(lines.get(0), exactOut.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow());
    }
}
