package io.spork.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.SporkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's options, exit codes and printed figures, on the BM25 model (no Kafka needed). */
class EvalCommandTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String... args) {
        return EvalCommand.run(args, SporkConfig.defaults(),
                new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsTheFiguresAndWritesTheRunWithoutQueryIdHits(@TempDir Path dir) throws Exception {
        BeirReaderTest.writeDataSet(dir,
                "{\"_id\": \"q1\", \"title\": \"\", \"text\": \"volcano eruption magma\"}\n"
                        + "{\"_id\": \"d1\", \"title\": \"Volcanoes\", \"text\": \"Magma rises and the volcano erupts.\"}\n"
                        + "{\"_id\": \"d2\", \"title\": \"Plants\", \"text\": \"Plants turn sunlight into sugar.\"}\n",
                "{\"_id\": \"q1\", \"text\": \"volcano eruption magma\"}\n{\"_id\": \"q2\", \"text\": \"sunlight sugar\"}\n"
                        + "{\"_id\": \"q3\", \"text\": \"quantum chromodynamics\"}\n",
                "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td2\t1\n");
        Path runFile = dir.resolve("bm25.run");

        int code = run("--beir", dir.toString(), "--model", "bm25", "--remove-query", "--k", "5",
                "--run-out", runFile.toString());

        assertEquals(0, code, stderr.toString(StandardCharsets.UTF_8));
        List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("ndcg@10: 0.6667", lines.get(0), "q1, q2 found; q3 matches nothing: " + lines);
        assertTrue(lines.contains("documents: 3"), lines.toString());
        assertTrue(lines.contains("queries: 3"), lines.toString());
        for (String name : List.of("recall@100", "recall@1000", "ingest_docs_per_s", "time_to_searchable_s",
                "query_latency_p50_ms", "query_latency_p99_ms")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(name + ": ")), name + " in " + lines);
        }
        List<String> runLines = Files.readAllLines(runFile);
        assertTrue(runLines.get(0).startsWith("q1 Q0 d1 1 "), runLines.toString());
        assertTrue(runLines.stream().allMatch(l -> l.endsWith(" bm25") && l.split(" ").length == 6), runLines.toString());
        assertTrue(runLines.stream().noneMatch(l -> l.startsWith("q1 Q0 q1 ")), runLines.toString());
    }

    @Test
    void optionMistakesAreUsageErrors() {
        assertEquals(2, run("--model", "bm25"));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("needs --beir DIR"));
        assertEquals(2, run("--beir", "x", "--model", "tfidf"));
        assertEquals(2, run("--beir", "x", "--k", "0"));
        assertEquals(2, run("--beir", "x", "--depth", "3"));
        assertEquals(2, run("--beir", "x", "--k", "many"));
        assertEquals(2, run("--beir", "x", "--sweep", "--model", "bm25"));
    }

    @Test
    void aMissingDataSetFailsWithItsPath(@TempDir Path dir) {
        assertEquals(1, run("--beir", dir.resolve("missing").toString(), "--model", "bm25"));
        assertTrue(stderr.toString(StandardCharsets.UTF_8).contains("missing"), stderr.toString(StandardCharsets.UTF_8));
    }
}
