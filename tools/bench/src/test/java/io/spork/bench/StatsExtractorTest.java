package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsExtractorTest {
    @Test
    void measuresFrequenciesMeansCountsAndRatios(@TempDir Path dir) {
        List<SparseVector> docs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            // Term 5 everywhere (weights 0.5 and 1.5 alternately: mean 1), term 7 in every other document (weight 2).
            docs.add(i % 2 == 0
                    ? new SparseVector(new int[] {5, 7}, new float[] {0.5f, 2f})
                    : new SparseVector(new int[] {5}, new float[] {1.5f}));
        }
        List<SparseVector> queries = List.of(new SparseVector(new int[] {7, 9}, new float[] {1f, 3f}));
        SpladeStats stats = StatsExtractor.measure("test", "none", 10, docs, queries);
        assertArrayEquals(new int[] {5, 7, 9}, stats.terms().id());
        assertArrayEquals(new int[] {1000, 500, 0}, stats.terms().df());
        assertArrayEquals(new float[] {1f, 2f, 0f}, stats.terms().docMeanWeight());
        assertArrayEquals(new int[] {0, 1, 1}, stats.terms().qf());
        assertEquals(1000, stats.documents().count());
        assertEquals(1.5, stats.documents().meanTermCount(), 1e-9);
        assertEquals(2f, stats.documents().maxWeight());
        // Term 5 (class 9: 1000 documents) has ratios 0.5 and 1.5; term 7 (class 8) only 1.
        float[] frequent = stats.documents().ratioQuantiles(1000);
        assertEquals(0.5f, frequent[0]);
        assertEquals(1.5f, frequent[100]);
        assertEquals(1f, stats.documents().ratioQuantiles(500)[50]);
        // Rare classes borrow the nearest measured one.
        assertArrayEquals(stats.documents().ratioQuantiles(256), stats.documents().ratioQuantiles(1));

        Path file = dir.resolve("stats.json");
        stats.write(file);
        SpladeStats read = SpladeStats.read(file);
        assertArrayEquals(stats.terms().df(), read.terms().df());
        assertArrayEquals(stats.documents().termCounts(), read.documents().termCounts());
        assertEquals(stats.queries().maxWeight(), read.queries().maxWeight());
    }

    @Test
    void theBundledStatisticsAreSmallAndComplete() throws Exception {
        SpladeStats stats = SpladeStats.bundled();
        assertEquals(stats.terms().size(), stats.terms().df().length);
        assertEquals(stats.documents().count(), stats.documents().termCounts().length);
        try (var in = SpladeStats.class.getResourceAsStream(SpladeStats.BUNDLED_RESOURCE)) {
            long bytes = in.readAllBytes().length;
            assertTrue(bytes < 1_000_000, "resource of " + bytes + " bytes");
        }
    }
}
