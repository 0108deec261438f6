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

/**
 * Third stage: applies the vectors topic to the partition's indexes, SPLADE and lexical (BM25),
 * both in this one processor so one exactly-once transaction covers both. Runs only after Kafka
 * Streams has restored the partition's stores, so {@link #init} opens the SPLADE index from its
 * stored segments (and rebuilds the lexical one) and makes them searchable; {@link #close}
 * withdraws them when the task closes or moves. A wall-clock tick seals an old growing segment and
 * installs finished merges.
 */
final class IndexProcessor implements Processor<byte[], byte[], Object, Object> {
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

    IndexProcessor(LocalIndexes indexes, IndexSettings settings, TopologyObserver observer) {
        this.indexes = indexes;
        this.settings = settings;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        long opening = System.nanoTime();
        KeyValueStore<String, byte[]> docs = context.getStateStore(DocumentStore.NAME);
        KeyValueStore<Bytes, byte[]> posts = context.getStateStore(PostingStore.NAME);
        DocumentStore documents = new DocumentStore(docs);
        writer = IndexWriter.open(context.taskId().partition(), settings, documents, new PostingStore(posts));
        index = writer.index();
        segments = SegmentStore.unwrap(posts);
        segments.serve(index);
        context.schedule(TICK, PunctuationType.WALL_CLOCK_TIME, writer::tick);
        LexicalDocumentStore lexicalDocuments = new LexicalDocumentStore(context.getStateStore(LexicalDocumentStore.NAME));
        LexicalPostingStore lexicalPostings = new LexicalPostingStore(context.getStateStore(LexicalPostingStore.NAME));
        LexicalIndex lexicalIndex = LexicalWriter.rebuild(context.taskId().partition(), lexicalDocuments, lexicalPostings);
        analyzer = new LexicalAnalyzer();
        lexical = new LexicalWriter(analyzer, lexicalDocuments, lexicalPostings, lexicalIndex);
        indexes.register(index, lexicalIndex);
        StartupLog.reached("index partition " + context.taskId().partition() + " open (" + (System.nanoTime() - opening) / 1_000_000 + " ms)");
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
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
        if (index != null) {
            indexes.unregister(index, lexical.index());
            segments.serve(null);
            analyzer.close();
        }
    }
}
