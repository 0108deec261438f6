package io.spork.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrecRunWriterTest {
    @Test
    void writesOneLinePerHitRankedAsTrecEvalRanksThem(@TempDir Path dir) throws Exception {
        Run run = new Run();
        run.put("q1", List.of(new RankedHit("d1", 2.5f), new RankedHit("d3", 0.00001f), new RankedHit("d2", 2.5f)));
        run.put("q2", List.of(new RankedHit("x", 17.25f)));
        Path file = dir.resolve("out/run.trec");

        TrecRunWriter.write(run, file, "spork");

        assertEquals(List.of(
                "q1 Q0 d2 1 2.5 spork",
                "q1 Q0 d1 2 2.5 spork",
                "q1 Q0 d3 3 0.00001 spork",
                "q2 Q0 x 1 17.25 spork"), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    @Test
    void scoresAreWrittenExactlyWithoutExponents() {
        assertEquals("3", TrecRunWriter.formatScore(3f));
        assertEquals("0.1", TrecRunWriter.formatScore(0.1f));
        assertEquals("0.0000012345", TrecRunWriter.formatScore(1.2345e-6f));
        assertEquals(12.345678f, Float.parseFloat(TrecRunWriter.formatScore(12.345678f)));
    }
}
