package io.spork.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.encoder.EncodeWorker;
import io.spork.schema.DocumentEvent;
import io.spork.schema.JsonSerde;
import io.spork.testing.TestModels;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the encode stage asks for a commit: at once when a partition's backlog empties (nothing
 * waiting, nothing with the model), so the last documents of a burst and a lone document or
 * delete are not held back; not while documents still wait, which the commit interval paces.
 */
class EncodeCommitTest {
    private static final long MAX_WAIT_MS = 60_000;

    @TempDir
    Path dir;

    private MockProcessorContext<Object, Object> context;
    private KeyValueStore<String, byte[]> buffer;
    private final EncodeBatchProcessor processor = new EncodeBatchProcessor(EncodeWorker.inline(TestModels.sharedEncoder()),
            new EncodeBatching(2, 1 << 20, Duration.ofMillis(MAX_WAIT_MS), 2, 8), TopologyObserver.NONE);

    @BeforeEach
    void stores() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "encode-commit-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        TaskId task = new TaskId(0, 0);
        context = new MockProcessorContext<>(props, task, new File(dir.toFile(), task.toString()));
        context.setCurrentSystemTimeMs(0);
        buffer = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SporkTopology.ENCODE_BUFFER_STORE), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().build();
        KeyValueStore<String, String> hashes = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(SporkTopology.CONTENT_HASH_STORE),
                Serdes.String(), Serdes.String()).withLoggingDisabled().build();
        buffer.init(context.getStateStoreContext(), buffer);
        hashes.init(context.getStateStoreContext(), hashes);
        context.addStateStore(buffer);
        context.addStateStore(hashes);
    }

    private void process(DocumentEvent event) {
        processor.process(new Record<>(event.id(), event, 0L));
    }

    private static DocumentEvent upsert(String id) {
        return DocumentEvent.upsert(id, null, "A quiet afternoon in the library number " + id + ".", Map.of());
    }

    private long vectorsSent() {
        return context.forwarded().stream().filter(f -> f.record().value() != null).count();
    }

    @Test
    void aDeleteWaitsForTheBatchThatEmptiesTheBacklogThenAllIsCommittedAtOnce() {
        processor.init(context);
        process(upsert("a"));
        process(DocumentEvent.delete("gone"));
        assertEquals(1, context.forwarded().size(), "the tombstone is forwarded at once");
        assertFalse(context.committed(), "a document still waits for its batch");
        process(upsert("b"));
        assertEquals(2, vectorsSent());
        assertTrue(context.committed(), "the backlog is empty: the tombstone and both vectors are committed at once");
    }

    @Test
    void aLoneDeleteIsCommittedAtOnce() {
        processor.init(context);
        process(DocumentEvent.delete("gone"));
        assertTrue(context.committed());
    }

    @Test
    void vectorsSentWhileDocumentsStillWaitAreLeftToTheCommitInterval() {
        JsonSerde<PendingDocument> pending = new JsonSerde<>(PendingDocument.class);
        for (String id : new String[] {"p", "q", "r", "s"}) {
            buffer.put(id, pending.serializer().serialize(null, new PendingDocument(upsert(id), 0L)));
        }
        processor.init(context); // restores the four buffered documents as waiting
        process(upsert("t"));
        assertEquals(4, vectorsSent(), "two full batches of two");
        assertFalse(context.committed(), "one document still waits: the commit interval paces commits under a backlog");
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(MAX_WAIT_MS);
        assertEquals(5, vectorsSent(), "the last one's batch closes once it has waited max-wait");
        assertTrue(context.committed(), "and the emptied backlog is committed at once");
    }
}
