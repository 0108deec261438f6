package io.spork.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.topology.LocalIndexes;
import io.spork.kafka.TopicSettings;
import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventCodec;
import io.spork.schema.ParseResult;
import io.spork.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad event, each followed by a good one: each bad event goes to the dead-letter
 * topic with its reason (or, where it is legal, is applied correctly), the stream never stops, and
 * no other document is affected.
 */
class BadEventMatrixTest {
    private static final long MAX_TEXT_BYTES = 1024 * 1024;
    private static final String TEN_MB = "x".repeat(10 * 1024 * 1024);

    /** One bad event and the reason it must be refused with. */
    private record Case(String name, String key, byte[] value, String reason) {
    }

    @TempDir
    Path stateDir;

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Case> cases() {
        return List.of(
                new Case("malformed JSON", "m", utf8("{\"id\": \"m\", \"text\": "), "not valid JSON"),
                new Case("missing id and key", null, utf8("{\"text\": \"orphan\"}"), "'id' is missing"),
                new Case("empty id", "", utf8("{\"id\": \"\", \"text\": \"x\"}"), "must not be blank"),
                new Case("empty text", "e", utf8("{\"id\": \"e\", \"text\": \"\"}"), "non-blank 'title' or 'text'"),
                new Case("non-UTF-8 bytes", "u", new byte[] {'{', '"', 'i', (byte) 0xFF, '"', '}'}, "not valid UTF-8"),
                new Case("10 MB of text", "big", utf8("{\"id\": \"big\", \"text\": \"" + TEN_MB + "\"}"), "validation.max-text-bytes"),
                new Case("deeply nested fields", "deep", utf8("{\"id\": \"deep\", \"text\": \"x\", \"fields\": " + "{\"a\": ".repeat(100) + "1" + "}".repeat(100) + "}"), "not valid JSON"),
                new Case("unknown op", "op", utf8("{\"id\": \"op\", \"op\": \"merge\", \"text\": \"x\"}"), "\"upsert\" or \"delete\""),
                new Case("wrong field types", "types", utf8("{\"id\": \"types\", \"title\": [\"t\"], \"text\": \"x\"}"), "'title' must be a string"),
                new Case("negative version", "neg", utf8("{\"id\": \"neg\", \"text\": \"x\", \"version\": -1}"), "'version' must be a whole number"),
                new Case("tombstone without key", null, null, "tombstone"));
    }

    @Test
    void eachBadEventIsDeadLetteredWithItsReasonAndTheStreamGoesOn() {
        try (Harness h = new Harness(stateDir)) {
            List<Case> cases = cases();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                h.documents.pipeInput(c.key() == null ? null : utf8(c.key()), c.value());
                h.documents.pipeInput(utf8("good-" + i), utf8("{\"id\": \"good-" + i + "\", \"text\": \"The weather is lovely today.\"}"));
            }
            h.flush();
            List<TestRecord<byte[], byte[]>> dead = h.dlq.readRecordsToList();
            assertEquals(cases.size(), dead.size());
            for (int i = 0; i < cases.size(); i++) {
                String reason = header(dead.get(i), DeadLetters.ERROR_HEADER);
                assertTrue(reason.contains(cases.get(i).reason()), cases.get(i).name() + ": " + reason);
            }
            assertEquals(cases.size(), h.indexes.documentCount(), "every good document after a bad one is indexed");
        }
    }

    @Test
    void duplicatesTombstonesAndVersionsAreAppliedInOrder() {
        try (Harness h = new Harness(stateDir)) {
            h.send("a", "{\"id\": \"a\", \"text\": \"He drove to the stadium.\", \"version\": 2}");
            h.send("a", "{\"id\": \"a\", \"text\": \"He drove to the stadium.\", \"version\": 2}");
            h.send("a", "{\"id\": \"a\", \"text\": \"The weather is lovely today.\", \"version\": 1}");
            h.send("a", "{\"id\": \"a\", \"text\": \"A quiet library.\", \"version\": 2}");
            h.send("b", "{\"id\": \"b\", \"text\": \"He drove to the stadium.\"}");
            h.send("b", "{\"id\": \"b\", \"text\": \"He drove to the stadium.\"}");
            h.flush();
            assertEquals(2, h.vectors.readRecordsToList().size(), "a duplicate is encoded once");
            List<TestRecord<byte[], byte[]>> dead = h.dlq.readRecordsToList();
            assertEquals(2, dead.size());
            assertTrue(header(dead.get(0), DeadLetters.ERROR_HEADER).contains("stale event: version 1 is older than the applied version 2"));
            assertEquals(new ParseResult.Valid<>(DocumentEvent.upsert("a", null, "The weather is lovely today.", Map.of()).withVersion(1L)),
                    new DocumentEventCodec(MAX_TEXT_BYTES).read(dead.get(0).key(), dead.get(0).value()),
                    "a dead letter of the encode stage is a document event again, ready to be replayed");
            assertTrue(header(dead.get(1), DeadLetters.ERROR_HEADER).contains("already applied with other content"));

            h.documents.pipeInput(utf8("b"), (byte[]) null);
            h.send("a", "{\"id\": \"a\", \"op\": \"delete\", \"version\": 5}");
            h.send("a", "{\"id\": \"a\", \"text\": \"Back from the dead?\", \"version\": 4}");
            h.flush();
            assertEquals(0, h.indexes.documentCount(), "the tombstone and the versioned delete both applied; the older upsert did not revive 'a'");
            assertTrue(header(h.dlq.readRecordsToList().get(0), DeadLetters.ERROR_HEADER).contains("stale"));

            h.send("a", "{\"id\": \"a\", \"text\": \"He drove to the stadium.\", \"version\": 6}");
            h.flush();
            assertEquals(1, h.indexes.documentCount());
            assertFalse(h.indexes.snapshot().get(0).contains("b"));
        }
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** The topology under TopologyTestDriver with raw byte topics. */
    private static final class Harness implements AutoCloseable {
        final LocalIndexes indexes = new LocalIndexes();
        final TopologyTestDriver driver;
        final TestInputTopic<byte[], byte[]> documents;
        final TestOutputTopic<byte[], byte[]> vectors;
        final TestOutputTopic<byte[], byte[]> dlq;

        Harness(Path stateDir) {
            SporkConfig config = SporkConfig.builder()
                    .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                    .set(TopicSettings.MAX_TEXT_BYTES, Long.toString(MAX_TEXT_BYTES))
                    .build();
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spork-bad-events");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            driver = new TopologyTestDriver(SporkTopology.build(EngineSettings.from(config), TestModels.sharedEncoder(), indexes, TopologyObserver.NONE), props);
            documents = driver.createInputTopic("documents", new ByteArraySerializer(), new ByteArraySerializer());
            vectors = driver.createOutputTopic("vectors", new ByteArrayDeserializer(), new ByteArrayDeserializer());
            dlq = driver.createOutputTopic("documents.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        void send(String key, String json) {
            documents.pipeInput(utf8(key), utf8(json));
        }

        void flush() {
            driver.advanceWallClockTime(Duration.ofSeconds(1));
        }

        @Override
        public void close() {
            driver.close();
        }
    }
}
