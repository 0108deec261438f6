package io.spork.topology;

import io.spork.encoder.EncodeWorker;
import io.spork.encoder.WindowedText;
import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventCodec;
import io.spork.schema.JsonSerde;
import io.spork.schema.VectorRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Second stage: encodes documents in batches, never one model run per record, with the model
 * running beside the stream thread ({@link EncodeWorker}).
 *
 * <p>Documents wait in a changelogged RocksDB buffer. A batch closes at {@code maxBatchSize}
 * documents, at {@code batchTokens} tokens, or when its oldest document has waited {@code maxWait};
 * it is handed to the model thread and up to {@code pipelineDepth} batches may be out at once,
 * while this thread goes on buffering, indexing and committing. A finished batch is collected on
 * the stream thread (on the next record or wall-clock tick), and each of its documents leaves the
 * buffer in the same transaction that sends its vector. So under exactly-once a crash at any point
 * loses and duplicates nothing: the restored buffer is encoded by whoever owns the partition next.
 * A document updated or deleted while its batch encoded keeps only its newest state: the finished
 * vector is sent only if the buffer still holds exactly the event it was encoded from.
 *
 * <p>A document whose content hash equals the last one seen is not encoded again. A delete cancels
 * a pending upsert of the same id and is forwarded at once as a tombstone. When events carry a
 * version, one older than the applied version goes to the dead-letter topic as stale.
 */
final class EncodeBatchProcessor implements Processor<String, DocumentEvent, Object, Object> {
    static final String STAGE = "encode";
    private static final Serde<PendingDocument> PENDING = new JsonSerde<>(PendingDocument.class);
    private static final int CHECKS_PER_WAIT = 4;
    private static final long MIN_TICK_MS = 2;
    private static final long MAX_WAIT_FOR_MODEL_MS = 1000;

    /** A buffered document not yet handed to the model, tokenized. */
    private record Waiting(PendingDocument document, byte[] stored, WindowedText text, long arrivedMs) {
    }

    /** A batch the model thread holds. */
    private record Batch(List<Waiting> documents, CompletableFuture<EncodeWorker.Result> result) {
    }

    private final EncodeWorker worker;
    private final EncodeBatching batching;
    private final TopologyObserver observer;
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private final ArrayDeque<Batch> out = new ArrayDeque<>();
    private int waitingTokens;
    /** Whether records were forwarded since this processor last asked for a commit. */
    private boolean forwardedSinceCommit;
    private ProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> buffer;
    private KeyValueStore<String, String> hashes;

    EncodeBatchProcessor(EncodeWorker worker, EncodeBatching batching, TopologyObserver observer) {
        this.worker = worker;
        this.batching = batching;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.buffer = context.getStateStore(SporkTopology.ENCODE_BUFFER_STORE);
        this.hashes = context.getStateStore(SporkTopology.CONTENT_HASH_STORE);
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, byte[]> it = buffer.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                addWaiting(kv.key, kv.value, now);
            }
        }
        // Check often, close a partial batch only when its oldest document has waited maxWait: a
        // batch on every tick would be a document or two whenever the model is slower than the tick.
        long maxWaitMs = batching.maxWait().toMillis();
        Duration tick = Duration.ofMillis(Math.max(MIN_TICK_MS, maxWaitMs / CHECKS_PER_WAIT));
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::tick);
    }

    private void tick(long now) {
        collectFinished();
        while (!waiting.isEmpty() && out.size() < batching.pipelineDepth()
                && (batching.isFull(waiting.size(), waitingTokens)
                    || now - waiting.values().iterator().next().arrivedMs() >= batching.maxWait().toMillis())) {
            submitBatch();
        }
        collectFinished();
    }

    @Override
    public void process(Record<String, DocumentEvent> record) {
        collectFinished();
        handle(record);
        commitIfIdle();
    }

    private void handle(Record<String, DocumentEvent> record) {
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
                if (Objects.equals(hash, last.hash())) {
                    observer.skippedUnchanged(id);
                } else {
                    deadLetter(event, record.timestamp(), "version " + applied + " was already applied with other content");
                }
                return;
            }
        }
        if (event.isDelete()) {
            buffer.delete(id);
            removeWaiting(id);
            if (event.version() != null) {
                // Remember the delete's version, so a late, older upsert cannot bring the document back.
                hashes.put(id, new AppliedVersion(event.version(), null).encode());
            } else {
                hashes.delete(id);
            }
            context.forward(new Record<Object, Object>(id, null, record.timestamp()), SporkTopology.VECTORS_SINK);
            forwardedSinceCommit = true;
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
        byte[] stored = PENDING.serializer().serialize(null, new PendingDocument(event, record.timestamp()));
        buffer.put(id, stored);
        removeWaiting(id);
        addWaiting(id, stored, context.currentSystemTimeMs());
        while (batching.isFull(waiting.size(), waitingTokens)) {
            if (out.size() < batching.pipelineDepth()) {
                submitBatch();
            } else if (!batching.backlogFull(waiting.size(), waitingTokens)) {
                break; // buffer on: the larger the backlog, the better the next batch's lengths match
            } else if (!awaitOldest()) {
                break; // the transaction may commit before the next record waits again
            }
            collectFinished();
        }
    }

    private void addWaiting(String id, byte[] stored, long arrivedMs) {
        PendingDocument document = PENDING.deserializer().deserialize(null, stored);
        WindowedText text = worker.encoder().windowed(document.event().encodableText());
        waiting.put(id, new Waiting(document, stored, text, arrivedMs));
        waitingTokens += text.tokens();
    }

    private void removeWaiting(String id) {
        Waiting gone = waiting.remove(id);
        if (gone != null) {
            waitingTokens -= gone.text().tokens();
        }
    }

    /**
     * Hands a batch to the model thread: the oldest waiting document and those nearest its length
     * ({@link BacklogCut}); under a backlog that pads far less than taking them in arrival order.
     */
    private void submitBatch() {
        List<Waiting> backlog = new ArrayList<>(waiting.values());
        List<Waiting> documents = new ArrayList<>();
        List<WindowedText> texts = new ArrayList<>();
        int tokens = 0;
        for (int i : BacklogCut.next(backlog, w -> w.text().longestWindow(), w -> w.text().tokens(), batching)) {
            Waiting w = backlog.get(i);
            waiting.remove(w.document().event().id());
            documents.add(w);
            texts.add(w.text());
            tokens += w.text().tokens();
        }
        waitingTokens -= tokens;
        out.add(new Batch(documents, worker.submit(texts)));
    }

    /**
     * Waits for the oldest batch out: the model is the bottleneck then, so nothing is lost by
     * waiting, and the buffer stays bounded. The wait is capped so that no transaction stays open
     * long (a transaction open past transaction.timeout.ms is aborted by the broker).
     *
     * @return whether the oldest batch is done
     */
    private boolean awaitOldest() {
        try {
            out.peek().result().get(MAX_WAIT_FOR_MODEL_MS, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamsException("interrupted while waiting for the encoder", e);
        } catch (ExecutionException e) {
            return true; // collectFinished reports it
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Sends the vectors of every finished batch, oldest first; asks for a commit once nothing is left. */
    private void collectFinished() {
        while (!out.isEmpty() && out.peek().result().isDone()) {
            Batch batch = out.poll();
            EncodeWorker.Result result;
            try {
                result = batch.result().join();
            } catch (RuntimeException e) {
                // Nothing left the buffer: failing the task leaves the batch to be encoded again.
                throw new StreamsException("the encoder failed: " + e.getMessage(), e);
            }
            observer.encoded(batch.documents().size(), result.modelNanos());
            for (int i = 0; i < batch.documents().size(); i++) {
                forwardedSinceCommit |= send(batch.documents().get(i), result.outcomes().get(i));
            }
        }
        commitIfIdle();
    }

    /**
     * Under exactly-once the index stage reads what this stage forwards only once its transaction
     * commits. While a backlog is worked through, the commit interval ({@code streams.commit-interval-ms})
     * paces the commits, each a transaction round trip and broker work that takes CPU from the model;
     * once this partition has nothing waiting and nothing out, what it forwarded is committed at
     * once, so the last documents of a burst and a lone document are not held back by the interval.
     */
    private void commitIfIdle() {
        if (forwardedSinceCommit && waiting.isEmpty() && out.isEmpty()) {
            context.commit();
            forwardedSinceCommit = false;
        }
    }

    private boolean send(Waiting w, EncodeWorker.Outcome outcome) {
        String id = w.document().event().id();
        if (!Arrays.equals(buffer.get(id), w.stored())) {
            return false; // updated or deleted while encoding: its newest state is handled on its own
        }
        buffer.delete(id);
        if (outcome.vector() == null) {
            hashes.delete(id);
            deadLetter(w.document().event(), w.document().eventTimeMs(), outcome.error());
            return true;
        }
        PendingDocument p = w.document();
        context.forward(new Record<Object, Object>(id, VectorRecord.of(p.event(), p.eventTimeMs(), outcome.vector()), p.eventTimeMs()),
                SporkTopology.VECTORS_SINK);
        return true;
    }

    private void deadLetter(DocumentEvent event, long timestamp, String reason) {
        observer.deadLettered(STAGE, reason);
        context.forward(new Record<Object, Object>(event.id().getBytes(StandardCharsets.UTF_8), DocumentEventCodec.write(event),
                timestamp, DeadLetters.headers(new RecordHeaders(), STAGE, reason, context.recordMetadata().orElse(null))), SporkTopology.ENCODE_DLQ_SINK);
        forwardedSinceCommit = true;
    }

    @Override
    public void close() {
        // Batches still out are abandoned: their documents stay in the buffer, encoded again by
        // whoever owns the partition next.
        out.clear();
        waiting.clear();
    }
}
