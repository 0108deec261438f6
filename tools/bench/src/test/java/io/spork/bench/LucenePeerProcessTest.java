package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lucene peer in a child JVM (here this JVM's java and Lucene 9.12) answers as the in-process peer does. */
class LucenePeerProcessTest {
    private static final int DOCS = 2000;
    private static final int QUERIES = 25;
    private static final int WARMUP = 3;

    @Test
    void theChildDrawsTheSameCorpusAndReturnsTheInProcessPeersTopTen(@TempDir Path dir) {
        QueryBenchmark.Options options = QueryBenchmark.Options.of(DOCS, QUERIES, CorpusShape.MSMARCO, 7, dir, WARMUP, 10, null,
                QUERIES, null, false, false);
        BenchCorpus corpus = BenchCorpus.drawn(SpladeStats.bundled(), CorpusShape.MSMARCO, 7, null);
        LucenePeerProcess.Launch launch = new LucenePeerProcess.Launch(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"));
        try (LucenePeerProcess child = LucenePeerProcess.start(launch, options, dir.resolve("child"));
             LuceneFeatureIndex here = LuceneFeatureIndex.build(dir.resolve("here"), corpus, DOCS)) {
            assertEquals(BenchCorpus.fingerprint(corpus, LucenePeerProcess.FINGERPRINT_DOCS, QUERIES + WARMUP), child.fingerprint());
            assertEquals(1, child.segments());
            assertTrue(child.diskBytes() > 0);
            child.warmup(QueryBenchmark.LUCENE10_CONFIGS);
            for (String config : QueryBenchmark.LUCENE10_CONFIGS) {
                List<InterleavedTiming.Timed> answers = new ArrayList<>();
                for (int from = 0; from < QUERIES; from += InterleavedTiming.BLOCK) {
                    answers.addAll(child.searcher(config).search(from, Math.min(QUERIES, from + InterleavedTiming.BLOCK)));
                }
                assertEquals(QUERIES, answers.size());
                for (int j = 0; j < QUERIES; j++) {
                    SparseVector q = corpus.query(j);
                    List<String> expected = new ArrayList<>();
                    for (long n : here.search(q, 10, config)) {
                        expected.add(SyntheticCorpus.documentId(n));
                    }
                    assertEquals(10, expected.size());
                    assertEquals(expected, answers.get(j).ids(), config + ", query " + j);
                    assertTrue(answers.get(j).nanos() > 0);
                }
            }
        }
    }

    @Test
    void theChildsClasspathHasTheGivenLuceneInPlaceOfThisOne() {
        String parent = String.join(File.pathSeparator, "/t/spork-tools.jar", "/m2/lucene-core-9.12.3.jar",
                "/m2/lucene-analysis-common-9.12.3.jar", "/m2/kafka-streams.jar");
        assertEquals(String.join(File.pathSeparator, "/t/lucene10/lucene-core-10.6.0.jar", "/t/spork-tools.jar", "/m2/kafka-streams.jar"),
                LucenePeerProcess.childClasspath(parent, List.of("/t/lucene10/lucene-core-10.6.0.jar")));
    }

    @Test
    void theNewestCopiedLuceneJarIsTaken() {
        assertTrue(LucenePeerProcess.versionOf("lucene-core-10.6.0.jar").compareTo(LucenePeerProcess.versionOf("lucene-core-10.10.0.jar")) < 0);
        assertTrue(LucenePeerProcess.versionOf("lucene-core-10.3.2.jar").compareTo(LucenePeerProcess.versionOf("lucene-core-10.6.0.jar")) < 0);
    }

    @Test
    void anotherSeedGivesAnotherFingerprint() {
        BenchCorpus a = BenchCorpus.drawn(SpladeStats.bundled(), CorpusShape.MSMARCO, 7, null);
        BenchCorpus b = BenchCorpus.drawn(SpladeStats.bundled(), CorpusShape.MSMARCO, 8, null);
        assertEquals(BenchCorpus.fingerprint(a, 50, 5), BenchCorpus.fingerprint(a, 50, 5));
        assertNotEquals(BenchCorpus.fingerprint(a, 50, 5), BenchCorpus.fingerprint(b, 50, 5));
    }
}
