package io.spork.bench;

import io.spork.index.DocumentStore;
import io.spork.index.IndexSettings;
import io.spork.index.IndexWriter;
import io.spork.index.PartitionIndex;
import io.spork.index.PostingStore;
import io.spork.index.ScoredDocument;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Spork's side of the query benchmark: one partition's RocksDB document and posting stores and
 * its segmented {@link PartitionIndex}, written through {@link IndexWriter} exactly as the
 * topology's index processor writes them (seals and merges included), and opened again from the
 * stored segments as a restarting task does.
 */
final class SporkBenchIndex implements AutoCloseable {
    private static final long COMMIT_INTERVAL_MS = 1000;
    private final Path stateDir;
    private final IndexSettings settings;
    private final boolean topologyStores;
    private long lastCommitNanos = System.nanoTime();
    private StandaloneStores stores;
    private DocumentStore documents;
    private PostingStore postings;
    private PartitionIndex index;
    private IndexWriter writer;
    /** Documents per term id of the loaded corpus, counted from the vectors as they are written. */
    private int[] documentFrequencies = new int[0];

    private SporkBenchIndex(Path stateDir, IndexSettings settings, boolean topologyStores) {
        this.stateDir = stateDir;
        this.settings = settings;
        this.topologyStores = topologyStores;
        openStores();
    }

    private void openStores() {
        stores = StandaloneStores.open(stateDir, topologyStores);
        documents = new DocumentStore(stores.documents());
        postings = new PostingStore(stores.postings());
    }

    static SporkBenchIndex open(Path stateDir) {
        return open(stateDir, IndexSettings.DEFAULTS);
    }

    /** With other index settings than config/spork.properties' (the under-ingest probe compares them). */
    static SporkBenchIndex open(Path stateDir, IndexSettings settings) {
        return open(stateDir, settings, false);
    }

    /** @param topologyStores the topology's own stores instead of Kafka Streams' ({@link StandaloneStores}) */
    static SporkBenchIndex open(Path stateDir, IndexSettings settings, boolean topologyStores) {
        return new SporkBenchIndex(stateDir, settings, topologyStores);
    }

    /** Commits the stores when a task would have: once per index commit interval ({@value #COMMIT_INTERVAL_MS} ms, the default of streams.index-commit-interval-ms). */
    void commitIfDue() {
        long now = System.nanoTime();
        if (now - lastCommitNanos >= COMMIT_INTERVAL_MS * 1_000_000L) {
            stores.commit();
            lastCommitNanos = now;
        }
    }

    /** Writes documents 0..count-1 through IndexWriter (stores and in-memory index), then flushes the stores. */
    void load(BenchCorpus corpus, int count) {
        IndexWriter writer = IndexWriter.open(0, settings, documents, postings);
        for (int i = 0; i < count; i++) {
            SparseVector vector = corpus.document(i);
            countTerms(vector);
            writer.upsert(record(i, vector));
            commitIfDue();
        }
        writer.index().seal();
        writer.index().awaitMerges();
        stores.commit();
        index = writer.index();
        this.writer = writer;
    }

    private void countTerms(SparseVector vector) {
        for (int i = 0; i < vector.size(); i++) {
            int term = vector.idAt(i);
            if (term >= documentFrequencies.length) {
                documentFrequencies = Arrays.copyOf(documentFrequencies, Math.max(term + 1, 2 * documentFrequencies.length));
            }
            documentFrequencies[term]++;
        }
    }

    /** How many of the loaded documents hold the term (the corpus ids are distinct, so each is live once). */
    int documentFrequency(int term) {
        return term < documentFrequencies.length ? documentFrequencies[term] : 0;
    }

    static VectorRecord record(long number, SparseVector vector) {
        String id = SyntheticCorpus.documentId(number);
        return new VectorRecord(id, null, null, Map.of(), Long.toHexString(number), 0L, vector);
    }

    /** Drops the in-memory index, so its memory can be measured when it is rebuilt. */
    void dropIndex() {
        index = null;
        writer = null;
    }

    /**
     * Closes the stores (every write durable) and opens them again, as a restarting task finds
     * them; RocksDB then compacts what the last writes deleted.
     */
    void reopenStores() {
        stores.close();
        openStores();
    }

    /** Opens the index from the stored segments, as a task does when it starts. */
    void rebuild() {
        writer = IndexWriter.open(0, settings, documents, postings);
        index = writer.index();
    }

    /** The partition's one writer (for the concurrent-writer phase: only one thread may use it). */
    IndexWriter writer() {
        return writer;
    }

    PartitionIndex index() {
        return index;
    }

    List<ScoredDocument> search(SparseVector query, int k) {
        return index.search(query, k);
    }

    @Override
    public void close() {
        stores.close();
    }
}
