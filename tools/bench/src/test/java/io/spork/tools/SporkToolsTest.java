package io.spork.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The tools' command line: its help names both tools and every benchmark with its options; mistakes are usage errors. */
class SporkToolsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SporkTools.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void helpNamesTheToolsTheBenchmarksAndTheirOptions() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("eval") && out.toString().contains("bench"), out.toString());
        assertEquals(0, run("bench", "--help"));
        for (String benchmark : new String[] {"query", "stats", "encode", "ingest", "freshness", "load", "index"}) {
            assertTrue(out.toString().contains("  " + benchmark + " "), benchmark + " in " + out);
        }
        assertEquals(0, run("bench", "index", "--help"));
        assertTrue(out.toString().contains("--docs=N") && out.toString().contains("Default: 50000"), out.toString());
        assertEquals(0, run("eval", "--help"));
        assertTrue(out.toString().contains("--beir=DIR") && out.toString().contains("--remove-query"), out.toString());
    }

    @Test
    void mistakesAreUsageErrors() {
        assertEquals(2, run("encode"));
        assertEquals(2, run("bench"));
        assertEquals(2, run("bench", "index", "--docs", "lots"));
        assertTrue(err.toString().contains("must be a whole number, got 'lots'"), err.toString());
        assertEquals(2, run("bench", "index", "--shape", "trec"));
        assertTrue(err.toString().contains("spork bench index: --shape must be scifact, msmarco or topical"), err.toString());
        assertEquals(2, run("bench", "index", "--warmup", "-1"));
        assertTrue(err.toString().contains("spork bench index: --warmup must be >= 0, got -1"), err.toString());
        assertEquals(2, run("eval", "--beir", "x", "--queries", "dev"));
    }
}
