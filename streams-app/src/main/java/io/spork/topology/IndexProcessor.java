package io.spork.topology;

import io.spork.index.DocumentStore;
import io.spork.index.IndexSettings;
import io.spork.index.IndexWriter;
import io.spork.topology.LocalIndexes;
import io.spork.index.PartitionIndex;
import io.spork.index.PostingStore;
import io.spork.index.SegmentStore;
import io.spork.lexical.LexicalAnalyzer;
import io.spork.lexical.LexicalDocumentStore;
import io.spork.lexical.LexicalIndex;
import io.spork.lexical.LexicalPostingStore;
import io.spork.lexical.LexicalWriter;
import io.spork.schema.VectorRecord;
import io.spork.schema.VectorRecordSerde;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Third stage: applies the vectors topic to the partition's indexes, SPLADE and lexical (BM25),
 * both in this one processor so one exactly-once transaction covers both. Runs only after Kafka
 * Streams has restored the partition's stores, so {@link #init} starts reading the SPLADE index's
 * stored segments (and the lexical index) off the stream thread ({@link Opening}); the
 * first record or tick after that installs them and makes them searchable; {@link #close}
 * withdraws them when the task closes or moves. A wall-clock tick seals an old growing segment and
 * installs finished merges.
 */
final class IndexProcessor implements Processor<byte[], byte[], Object, Object> {
    private static final Logger LOG = LoggerFactory.getLogger(IndexProcessor.class);
    static final String STAGE = "index";
    private static final java.time.Duration TICK = java.time.Duration.ofMillis(100);

    private final LocalIndexes indexes;
    private final IndexSettings settings;
    private final TopologyObserver observer;
    private ProcessorContext<Object, Object> context;
    private IndexWriter writer;
    private PartitionIndex index;
    private SegmentStore segments;
    private LexicalAnalyzer analyzer;
    private LexicalWriter lexical;
    private DocumentStore documents;
    private PostingStore postings;
    private LexicalDocumentStore lexicalDocuments;
    private LexicalPostingStore lexicalPostings;
    /** The partition's stores being read; {@link #writer} is null until what it read is installed. */
    private Opening<Read> opening;

    IndexProcessor(LocalIndexes indexes, IndexSettings settings, TopologyObserver observer) {
        this.indexes = indexes;
        this.settings = settings;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        int partition = context.taskId().partition();
        long started = System.nanoTime();
        KeyValueStore<Bytes, byte[]> posts = context.getStateStore(PostingStore.NAME);
        documents = new DocumentStore(context.getStateStore(DocumentStore.NAME));
        postings = new PostingStore(posts);
        segments = SegmentStore.unwrap(posts);
        lexicalDocuments = new LexicalDocumentStore(context.getStateStore(LexicalDocumentStore.NAME));
        lexicalPostings = new LexicalPostingStore(context.getStateStore(LexicalPostingStore.NAME));
        // The reading off the stream thread, side by side with the thread's other tasks' (only reads:
        // what may write, a restore that seals, runs in finishOpening on the stream thread).
        opening = Opening.ofPartition(() -> new Read(IndexWriter.Stored.read(partition, settings, documents, postings),
                LexicalWriter.rebuild(partition, lexicalDocuments, lexicalPostings), started));
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (writer == null && opening.isDone()) {
                finishOpening();
            }
            if (writer != null) {
                writer.tick(now);
            }
        });
    }

    /** What the opening read of a partition's stores. */
    private record Read(IndexWriter.Stored stored, LexicalIndex lexical, long startedNanos) {
    }

    /** Makes the partition searchable from what the opening read, waiting for it if it is still reading. */
    private void finishOpening() {
        Read read = opening.await();
        writer = IndexWriter.open(documents, postings, read.stored());
        index = writer.index();
        segments.serve(index);
        analyzer = new LexicalAnalyzer();
        lexical = new LexicalWriter(analyzer, lexicalDocuments, lexicalPostings, read.lexical());
        indexes.register(index, read.lexical());
        StartupLog.reached("index partition " + index.partition() + " open (" + (System.nanoTime() - read.startedNanos()) / 1_000_000 + " ms)");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (writer == null) {
            finishOpening();
        }
        String id = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            // The lexical side first, the document store last: a read-your-writes wait watches the store.
            if (id != null && lexical.delete(id) | writer.delete(id)) {
                observer.deleted(id);
            }
            return;
        }
        VectorRecord vector;
        try {
            vector = VectorRecordSerde.read(record.value());
        } catch (SerializationException e) {
            deadLetter(record, e.getMessage());
            return;
        }
        if (id != null && !id.equals(vector.id())) {
            deadLetter(record, "vector record key '" + id + "' differs from its id '" + vector.id() + "'");
            return;
        }
        // The lexical side first: a read-your-writes wait watches the document store and the SPLADE
        // index, written next. It also runs when the vector is unchanged but its lexical entry is
        // missing (state from before BM25).
        boolean unchanged = writer.holds(vector);
        if (!unchanged || !lexical.index().contains(vector.id())) {
            lexical.upsert(vector);
        }
        if (!unchanged) {
            writer.replace(vector);
        }
        // No tick here: the writer seals a full growing segment and installs finished merges as it
        // writes, and the wall-clock punctuation seals an old one.
        observer.indexed(vector.id(), vector.eventTimeMs());
    }

    private void deadLetter(Record<byte[], byte[]> record, String reason) {
        observer.deadLettered(STAGE, reason);
        context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(),
                DeadLetters.headers(record.headers(), STAGE, reason, context.recordMetadata().orElse(null))), SporkTopology.INDEX_DLQ_SINK);
    }

    @Override
    public void close() {
        if (writer == null && opening != null) {
            // No reader may be left on the stores once the task has closed them.
            try {
                opening.await();
            } catch (RuntimeException e) {
                LOG.warn("opening the index of partition {} failed before its task closed: {}", context.taskId().partition(), e.getMessage());
            }
        }
        if (writer != null) {
            writer.index().stopMerges();
        }
        if (index != null) {
            indexes.unregister(index, lexical.index());
            segments.serve(null);
            analyzer.close();
        }
        // Kafka Streams may init this processor again after a close (a revived task): it must open anew.
        writer = null;
        index = null;
        lexical = null;
        analyzer = null;
        opening = null;
    }
}
