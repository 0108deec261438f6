package io.spork.bench;

import io.spork.files.DirectoryTree;
import io.spork.index.IndexSettings;
import io.spork.schema.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The query benchmark's under-ingest phase alone, for profiling it (JFR) without the peers:
 * <pre>
 * java -Xss4m -Xmx10g -cp ... io.spork.bench.UnderIngestProbe DOCS QUERIES ROUNDS DIR [MERGE_CORE_SHARE [topology|kafka]]
 * </pre>
 * Loads DOCS documents as {@code bench query} does (through IndexWriter, then reopened from the
 * stores), warms up with 200 other queries, then runs {@link SearchUnderIngest} ROUNDS times.
 */
public final class UnderIngestProbe {
    private UnderIngestProbe() {
    }

    public static void main(String[] args) {
        int docs = Integer.parseInt(args[0]);
        int queryCount = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path dir = Path.of(args[3]);
        IndexSettings d = IndexSettings.DEFAULTS;
        IndexSettings settings = args.length < 5 ? d : new IndexSettings(d.sealDocuments(), d.sealMs(), d.mergeFactor(),
                d.mergeDeletedRatio(), d.maxMergedDocuments(), d.windowShift(), Double.parseDouble(args[4]), d.mergePacedSegments());
        System.out.printf("index settings: %s%n", settings);
        BenchCorpus corpus = BenchCorpus.drawn(SpladeStats.bundled(), CorpusShape.MSMARCO, 42, null);
        List<SparseVector> queries = new ArrayList<>();
        for (int j = 0; j < queryCount; j++) {
            queries.add(corpus.query(j));
        }
        DirectoryTree.delete(dir);
        boolean topologyStores = args.length > 5 && args[5].equals("topology");
        System.out.printf("stores: %s%n", topologyStores ? "the topology's (CommittedStoreSupplier, SegmentStoreSupplier)" : "Kafka Streams' RocksDB stores");
        try (SporkBenchIndex spork = SporkBenchIndex.open(dir, settings, topologyStores)) {
            long started = System.nanoTime();
            spork.load(corpus, docs);
            System.out.printf("loaded %d documents in %.1f s%n", docs, (System.nanoTime() - started) / 1e9);
            spork.dropIndex();
            spork.reopenStores();
            spork.rebuild();
            for (int j = 0; j < 200; j++) {
                spork.search(corpus.query(queryCount + j), 10);
            }
            for (int r = 0; r < rounds; r++) {
                System.out.printf("round %d: %d segments%n", r, spork.index().segmentCount());
                SearchUnderIngest.run(spork, corpus.reseeded(42 + 1 + r), docs, queries, 10, System.out);
            }
        } finally {
            DirectoryTree.delete(dir);
        }
    }
}
