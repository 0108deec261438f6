package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryBenchmarkTest {
    @Test
    void runsBothSystemsOnATinyCorpusAndTheyAgree(@TempDir Path dir) {
        QueryBenchmark.Options options = QueryBenchmark.Options.from(Map.of(
                "subcommand", "query", "docs", "3000", "queries", "30", "warmup", "5", "shape", "msmarco",
                "dir", dir.toString()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new QueryBenchmark(options, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("corpus: 3000 documents"), out);
        Matcher agreement = Pattern.compile("top-10 agreement \\(sets, spork vs lucene\\): ([0-9.]+) .*; (\\d+) differences not explained").matcher(out);
        assertTrue(agreement.find(), out);
        assertTrue(Double.parseDouble(agreement.group(1)) >= 0.97, out);
        assertEquals("0", agreement.group(2), out);
        String[] lines = out.strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("ratio_vs_lucene: [0-9.]+"), out);
        assertTrue(Files.isDirectory(dir.resolve("spork-state/0_0/rocksdb/spork-postings")), "RocksDB posting store on disk");
    }

    @Test
    void optionsHaveTheDocumentedDefaultsAndRefuseUnknownOnes() {
        QueryBenchmark.Options defaults = QueryBenchmark.Options.from(Map.of("subcommand", "query"));
        assertEquals(1_000_000, defaults.docs());
        assertEquals(1000, defaults.queries());
        assertEquals(CorpusShape.MSMARCO, defaults.shape());
        assertEquals(10, defaults.k());
        assertEquals(null, defaults.dir());
        assertEquals(CorpusShape.SCIFACT, QueryBenchmark.Options.from(Map.of("shape", "scifact")).shape());
        assertThrows(IllegalArgumentException.class, () -> QueryBenchmark.Options.from(Map.of("doc", "5")));
        assertThrows(IllegalArgumentException.class, () -> QueryBenchmark.Options.from(Map.of("shape", "trec")));
        assertThrows(IllegalArgumentException.class, () -> QueryBenchmark.Options.from(Map.of("docs", "many")));
    }

    @Test
    void benchCommandDispatchesAndParses() {
        assertEquals(2, BenchCommand.run(Map.of("subcommand", "nonsense")));
        assertEquals(2, BenchCommand.run(Map.of("subcommand", "query", "docs", "0")));
        Map<String, String> parsed = BenchCommand.parseOptions(new String[] {"query", "--docs", "5", "--shape=scifact"});
        assertEquals(Map.of("subcommand", "query", "docs", "5", "shape", "scifact"), parsed);
    }
}
