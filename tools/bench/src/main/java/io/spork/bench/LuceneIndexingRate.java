package io.spork.bench;

import io.spork.files.DirectoryTree;
import io.spork.schema.SparseVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.MMapDirectory;

/**
 * The peer figure of {@code bench index}: the same vectors indexed by Lucene's {@link IndexWriter}
 * on one thread (FeatureFields, as in the query benchmark), in memory before the clock starts, so
 * the figure is Lucene's indexing alone; timed up to a durable commit, without a force-merge
 * (Spork's figure has no full merge either), after a warm-up run as Spork's.
 */
final class LuceneIndexingRate {
    private LuceneIndexingRate() {
    }

    /** Documents per second of documents 0..docs-1, after indexing the next {@code warmup} ones into an index thrown away. */
    static double measure(SyntheticCorpus corpus, int docs, int warmup) throws IOException {
        index(corpus, docs, warmup);
        return index(corpus, 0, docs);
    }

    private static double index(SyntheticCorpus corpus, int from, int docs) throws IOException {
        List<SparseVector> vectors = new ArrayList<>(docs);
        for (int i = from; i < from + docs; i++) {
            vectors.add(corpus.document(i));
        }
        Path dir = Files.createTempDirectory("spork-bench-lucene");
        try (MMapDirectory directory = new MMapDirectory(dir)) {
            IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(512).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            long started = System.nanoTime();
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < docs; i++) {
                    writer.addDocument(LuceneFeatureIndex.document(from + i, vectors.get(i)));
                }
                writer.commit();
            }
            return docs / ((System.nanoTime() - started) / 1e9);
        } finally {
            DirectoryTree.delete(dir);
        }
    }
}
