package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryBenchmarkTest {
    @Test
    void runsBothSystemsOnATinyCorpusAndTheyAgree(@TempDir Path dir) {
        QueryBenchmark.Options options = parsed("--docs", "3000", "--queries", "30", "--warmup", "5", "--shape", "msmarco",
                "--dir", dir.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = new QueryBenchmark(options, new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, out);
        assertTrue(out.contains("corpus: 3000 documents"), out);
        Matcher agreement = Pattern.compile("top-10 agreement \\(sets, spork vs lucene\\): ([0-9.]+) .*; (\\d+) differences not explained").matcher(out);
        assertTrue(agreement.find(), out);
        assertTrue(Double.parseDouble(agreement.group(1)) >= 0.97, out);
        assertEquals("0", agreement.group(2), out);
        assertTrue(out.contains("exact_agreement: 1.000"), out);
        Matcher live = Pattern.compile("live objects: class histogram totals, after minus before the rebuild\\): [0-9.]+ MiB \\(([0-9.]+) bytes per posting\\)").matcher(out);
        assertTrue(live.find(), out);
        assertTrue(Double.parseDouble(live.group(1)) > 1.0, "the index's live objects are counted: " + out);
        String[] lines = out.strip().split("\n");
        assertTrue(lines[lines.length - 1].matches("ratio_vs_lucene: [0-9.]+"), out);
        assertTrue(Files.isDirectory(dir.resolve("spork-state/0_0/rocksdb/spork-postings")), "RocksDB posting store on disk");
    }

    /** The options {@code bench query ARGS} would run with (the benchmark itself is not run). */
    private static QueryBenchmark.Options parsed(String... args) {
        AtomicReference<QueryBenchmark.Options> seen = new AtomicReference<>();
        int code = BenchCommand.commandLine(new BenchCommand(options -> {
            seen.set(options);
            return 0;
        })).execute(BenchCommand.withBenchmark("query", args));
        assertEquals(0, code, "bench query " + String.join(" ", args));
        return seen.get();
    }

    /** The exit code of {@code bench ARGS} when the query benchmark would not run. */
    private static int refused(String... args) {
        StringWriter err = new StringWriter();
        return BenchCommand.commandLine(new BenchCommand(options -> {
            throw new AssertionError("ran with " + options);
        })).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void optionsHaveTheDocumentedDefaultsAndRefuseUnknownOnes() {
        QueryBenchmark.Options defaults = parsed();
        assertEquals(1_000_000, defaults.docs());
        assertEquals(1000, defaults.queries());
        assertEquals(CorpusShape.MSMARCO, defaults.shape());
        assertEquals(10, defaults.k());
        assertEquals(null, defaults.dir());
        assertEquals(CorpusShape.SCIFACT, parsed("--shape", "scifact").shape());
        assertEquals(2, refused("query", "--doc", "5"));
        assertEquals(2, refused("query", "--shape", "trec"));
        assertEquals(2, refused("query", "--docs", "many"));
        assertEquals(2, refused("query", "--shape", "topical"), "topical needs --topics-from");
        assertEquals(2, refused("query", "--topics-from", "v.jsonl"), "--topics-from is for topical only");
        assertEquals(2, refused("index", "--shape", "topical"));
        QueryBenchmark.Options topical = parsed("--shape", "topical", "--topics-from", "v.jsonl", "--no-seismic");
        assertEquals(CorpusShape.TOPICAL, topical.shape());
        assertEquals(Path.of("v.jsonl"), topical.topicsFrom());
        assertEquals(false, topical.seismic());
        assertEquals(true, parsed().seismic());
        assertEquals(true, parsed().underIngest());
        assertEquals(false, parsed("--no-under-ingest").underIngest());
        assertEquals(java.util.List.of("default", "exhaustive"), parsed().lucene10Configs());
        assertEquals(java.util.List.of("default", "threshold=10"), parsed("--lucene10-configs", "default,threshold=10").lucene10Configs());
        assertEquals(2, refused("query", "--lucene10-configs", "fast"));
    }

    @Test
    void benchCommandDispatchesAndParses() {
        assertEquals(2, refused("nonsense"));
        assertEquals(2, refused("query", "--docs", "0"));
        QueryBenchmark.Options options = parsed("--docs", "5", "--shape=scifact");
        assertEquals(5, options.docs());
        assertEquals(CorpusShape.SCIFACT, options.shape());
        assertEquals(1_000_000, parsed("--docs", "1_000_000").docs());
        assertEquals(2, refused());
    }
}
