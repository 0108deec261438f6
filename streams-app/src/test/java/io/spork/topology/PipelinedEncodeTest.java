package io.spork.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.encoder.EncoderSettings;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncodeWorker;
import io.spork.topology.LocalIndexes;
import io.spork.schema.VectorRecord;
import io.spork.schema.VectorRecordSerde;
import io.spork.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topology with the model on its own thread ({@link EncodeWorker#started}): vectors are sent
 * from the stream thread once their batch is done, and a document updated or deleted while its
 * batch encodes ends in its newest state, sent once.
 */
class PipelinedEncodeTest {
    private static final int MAX_BATCH = 4;

    @TempDir
    Path stateDir;

    private final LocalIndexes indexes = new LocalIndexes();
    private EncodeWorker worker;
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> documents;
    private TestOutputTopic<String, byte[]> vectors;

    @BeforeEach
    void start() {
        SporkConfig config = SporkConfig.builder()
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(EncoderSettings.BATCH_DOCUMENTS, Integer.toString(MAX_BATCH))
                .set(EncoderSettings.RUN_WINDOWS, Integer.toString(MAX_BATCH))
                .set(EncoderSettings.MAX_WAIT_MS, "20")
                .set(EncoderSettings.PIPELINE_DEPTH, "2")
                .build();
        worker = EncodeWorker.started(TestModels.sharedEncoder(), 4096, 2);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spork-pipelined-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SporkTopology.build(EngineSettings.from(config), worker, indexes, TopologyObserver.NONE), props);
        documents = driver.createInputTopic("documents", new StringSerializer(), new StringSerializer());
        vectors = driver.createOutputTopic("vectors", new StringDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
        worker.close();
    }

    @Test
    void manyBatchesAreAllSentOnceInOrderOfTheirBatches() throws Exception {
        int n = 37;
        for (int i = 0; i < n; i++) {
            documents.pipeInput("d" + i, doc("d" + i, "Document number " + i + " is about the weather and the stadium."));
        }
        List<KeyValue<String, byte[]>> sent = drainUntil(() -> indexes.documentCount() == n);
        assertEquals(n, sent.size(), "every document sent exactly once");
        assertEquals(n, sent.stream().map(kv -> kv.key).distinct().count());
        VectorRecord first = VectorRecordSerde.read(sent.get(0).value);
        assertEquals(TestModels.sharedEncoder().encode("Document number 0 is about the weather and the stadium."), first.vector(),
                "the vector encoded off the stream thread is the encoder's vector");
    }

    @Test
    void updateAndDeleteWhileEncodingLeaveTheNewestState() {
        // A full batch goes to the model thread at once; the update and the delete arrive while it may still run.
        documents.pipeInput("a", doc("a", "He drove to the stadium."));
        documents.pipeInput("b", doc("b", "The weather is lovely today."));
        documents.pipeInput("c", doc("c", "A quiet afternoon in the library."));
        documents.pipeInput("d", doc("d", "It's so sunny outside!"));
        documents.pipeInput("a", doc("a", "Fresh bread from the bakery."));
        documents.pipeInput("b", "{\"id\": \"b\", \"op\": \"delete\"}");
        List<KeyValue<String, byte[]>> sent = drainUntil(() -> indexes.documentCount() == 3
                && indexes.search(TestModels.sharedEncoder().encode("bakery bread"), 1).hits().stream().anyMatch(h -> h.id().equals("a")));
        assertFalse(indexes.snapshot().values().stream().anyMatch(p -> p.contains("b")), "the deleted document is not searchable");
        assertTrue(indexes.search(TestModels.sharedEncoder().encode("stadium"), 10).hits().stream().noneMatch(h -> h.id().equals("a")),
                "the text 'a' had before its update is not searchable");
        List<String> forB = sent.stream().filter(kv -> kv.key.equals("b")).map(kv -> kv.value == null ? "tombstone" : "vector").toList();
        assertEquals("tombstone", forB.get(forB.size() - 1), "the last word on 'b' is its delete");
        assertNull(sent.stream().filter(kv -> kv.key.equals("b")).reduce((x, y) -> y).orElseThrow().value);
    }

    /** Advances the wall clock (the stream thread's ticks) until the condition holds; returns what was sent. */
    private List<KeyValue<String, byte[]>> drainUntil(BooleanSupplier done) {
        List<KeyValue<String, byte[]>> sent = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out; sent so far: " + sent.size());
            driver.advanceWallClockTime(Duration.ofMillis(5));
            sent.addAll(vectors.readKeyValuesToList());
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        driver.advanceWallClockTime(Duration.ofMillis(50));
        sent.addAll(vectors.readKeyValuesToList());
        return sent;
    }

    private static String doc(String id, String text) {
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
    }
}
