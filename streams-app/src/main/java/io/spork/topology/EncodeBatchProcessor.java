package io.spork.topology;

import io.spork.encoder.SpladeEncoder;
import io.spork.schema.DocumentEvent;
import io.spork.schema.JsonSerde;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Second stage: encodes documents in batches, never one model run per record.
 *
 * <p>Documents wait in a changelogged RocksDB buffer until {@code maxBatchSize} are pending or
 * {@code maxWait} has passed (a wall-clock punctuation); then the model runs once over all of them
 * and their vectors go to the vectors topic. Under exactly-once the buffer's changelog, the vectors
 * and the input offsets commit in one transaction, so a crash between receiving and encoding loses
 * and duplicates nothing: the restored buffer is encoded by whoever owns the partition next.
 *
 * <p>A document whose content hash equals the last one seen is not encoded again. A delete cancels
 * a pending upsert of the same id and is forwarded at once as a tombstone. When events carry a
 * version, one older than the applied version goes to the dead-letter topic as stale.
 */
final class EncodeBatchProcessor implements Processor<String, DocumentEvent, Object, Object> {
    static final String STAGE = "encode";
    private static final Logger LOG = LoggerFactory.getLogger(EncodeBatchProcessor.class);
    private static final Serde<PendingDocument> PENDING = new JsonSerde<>(PendingDocument.class);
    private static final Serde<DocumentEvent> EVENT = new JsonSerde<>(DocumentEvent.class);
    private static final int CHECKS_PER_WAIT = 4;

    private final SpladeEncoder encoder;
    private final int maxBatchSize;
    private final Duration maxWait;
    private final TopologyObserver observer;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> buffer;
    private KeyValueStore<String, String> hashes;
    private int pending;
    /** Wall-clock time the oldest pending document arrived; meaningful while pending > 0. */
    private long oldestPendingMs;

    EncodeBatchProcessor(SpladeEncoder encoder, int maxBatchSize, Duration maxWait, TopologyObserver observer) {
        this.encoder = encoder;
        this.maxBatchSize = maxBatchSize;
        this.maxWait = maxWait;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.buffer = context.getStateStore(SporkTopology.ENCODE_BUFFER_STORE);
        this.hashes = context.getStateStore(SporkTopology.CONTENT_HASH_STORE);
        try (KeyValueIterator<String, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                it.next();
                pending++;
            }
        }
        oldestPendingMs = context.currentSystemTimeMs();
        // Check often, flush only what has waited maxWait: a flush on every tick would make batches
        // of a document or two whenever the model is slower than the tick.
        Duration tick = Duration.ofMillis(Math.max(1, maxWait.toMillis() / CHECKS_PER_WAIT));
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, now -> {
            if (pending > 0 && now - oldestPendingMs >= maxWait.toMillis()) {
                flush();
            }
        });
    }

    @Override
    public void process(Record<String, DocumentEvent> record) {
        DocumentEvent event = record.value();
        String id = event.id();
        AppliedVersion last = AppliedVersion.decode(hashes.get(id));
        String hash = event.isDelete() ? null : event.contentHash();
        if (event.version() != null && last != null && last.version() != null) {
            long applied = last.version();
            if (event.version() < applied) {
                deadLetter(event, record.timestamp(), "stale event: version " + event.version() + " is older than the applied version " + applied);
                return;
            }
            if (event.version() == applied) {
                if (java.util.Objects.equals(hash, last.hash())) {
                    observer.skippedUnchanged(id);
                } else {
                    deadLetter(event, record.timestamp(), "version " + applied + " was already applied with other content");
                }
                return;
            }
        }
        if (event.isDelete()) {
            if (buffer.delete(id) != null) {
                pending--;
            }
            if (event.version() != null) {
                // Remember the delete's version, so a late, older upsert cannot bring the document back.
                hashes.put(id, new AppliedVersion(event.version(), null).encode());
            } else {
                hashes.delete(id);
            }
            context.forward(new Record<Object, Object>(id, null, record.timestamp()), SporkTopology.VECTORS_SINK);
            return;
        }
        if (last != null && hash.equals(last.hash())) {
            observer.skippedUnchanged(id);
            if (event.version() != null) {
                hashes.put(id, new AppliedVersion(event.version(), hash).encode());
            }
            return;
        }
        hashes.put(id, new AppliedVersion(event.version(), hash).encode());
        if (buffer.get(id) == null) {
            if (pending++ == 0) {
                oldestPendingMs = context.currentSystemTimeMs();
            }
        }
        buffer.put(id, PENDING.serializer().serialize(null, new PendingDocument(event, record.timestamp())));
        if (pending >= maxBatchSize) {
            flush();
        }
    }

    private void flush() {
        if (pending == 0) {
            return;
        }
        List<PendingDocument> batch = new ArrayList<>(pending);
        try (KeyValueIterator<String, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                batch.add(PENDING.deserializer().deserialize(null, kv.value));
            }
        }
        long started = System.nanoTime();
        List<SparseVector> vectors = encodeOrNull(batch);
        if (vectors == null) {
            encodeOneByOne(batch);
        } else {
            observer.encoded(batch.size(), System.nanoTime() - started);
            for (int i = 0; i < batch.size(); i++) {
                emit(batch.get(i), vectors.get(i));
            }
        }
        pending = 0;
        // Ask for a commit now: under exactly-once the index stage reads the vectors only once
        // their transaction commits, and a busy thread would otherwise commit late (measured:
        // thousands of encoded documents not yet searchable during a bulk load).
        context.commit();
    }

    private List<SparseVector> encodeOrNull(List<PendingDocument> batch) {
        List<String> texts = new ArrayList<>(batch.size());
        for (PendingDocument p : batch) {
            texts.add(p.event().encodableText());
        }
        try {
            return encoder.encode(texts);
        } catch (RuntimeException e) {
            LOG.warn("encoding a batch of {} documents failed ({}); retrying them one by one", batch.size(), e.getMessage());
            return null;
        }
    }

    /** Isolates the documents the model cannot encode and sends them to the dead-letter topic. */
    private void encodeOneByOne(List<PendingDocument> batch) {
        for (PendingDocument p : batch) {
            try {
                emit(p, encoder.encode(p.event().encodableText()));
            } catch (RuntimeException e) {
                String id = p.event().id();
                buffer.delete(id);
                hashes.delete(id);
                deadLetter(p.event(), p.eventTimeMs(), "encoding failed: " + e.getMessage());
            }
        }
    }

    private void deadLetter(DocumentEvent event, long timestamp, String reason) {
        observer.deadLettered(STAGE, reason);
        context.forward(new Record<Object, Object>(event.id().getBytes(StandardCharsets.UTF_8), EVENT.serializer().serialize(null, event),
                timestamp, DeadLetters.headers(new RecordHeaders(), STAGE, reason, context.recordMetadata().orElse(null))), SporkTopology.DLQ_SINK);
    }

    private void emit(PendingDocument p, SparseVector vector) {
        String id = p.event().id();
        buffer.delete(id);
        context.forward(new Record<Object, Object>(id, VectorRecord.of(p.event(), p.eventTimeMs(), vector), p.eventTimeMs()),
                SporkTopology.VECTORS_SINK);
    }
}
