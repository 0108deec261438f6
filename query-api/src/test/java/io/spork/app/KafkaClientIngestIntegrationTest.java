package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.kafka.TopicSettings;
import io.spork.encoder.EncoderSettings;
import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.schema.JsonSerde;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.PythonEnvironment;
import io.spork.testing.TestModels;
import io.spork.topology.DeadLetters;
import io.spork.topology.TopologyObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion as a Kafka user does it: an application that is not Java (librdkafka through Python's
 * confluent-kafka, src/test/python/produce_events.py) produces document events straight to the
 * dev stack's broker: upserts, an update, a delete event, a tombstone, and malformed events. The
 * good ones become searchable; each malformed one reaches the dead-letter topic with its original
 * bytes and its reason, and the stream goes on.
 */
class KafkaClientIngestIntegrationTest {
    private static final Duration APPLIED = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void eventsFromLibrdkafkaAreIndexedAndMalformedOnesDeadLettered() throws Exception {
        PythonEnvironment python = PythonEnvironment.get();
        SporkConfig config = SporkConfig.builder()
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(HttpSettings.PORT, "0")
                .set(TopicSettings.PARTITIONS, "2")
                .build();
        int kafkaPort = freePort();
        // The way `./spork dev` starts it: on the port given, so clients know where to bootstrap.
        try (DevStack stack = DevStack.start(config, dir.resolve("data"), kafkaPort, TopologyObserver.NONE)) {
            assertEquals("127.0.0.1:" + kafkaPort, stack.bootstrapServers());
            HttpJson http = new HttpJson(stack.node().baseUrl());
            Eventually.await("/ready", APPLIED, () -> http.get("/ready").status() == 200);

            List<Malformed> malformed = List.of(
                    new Malformed("bad-json", "{\"id\": \"bad-json\", \"text\": ", "not valid JSON"),
                    new Malformed(null, "{\"text\": \"an event without an id or a key\"}", "'id' is missing"),
                    new Malformed("bad-type", "{\"id\": \"bad-type\", \"title\": [\"t\"], \"text\": \"x\"}", "'title' must be a string"),
                    new Malformed("bad-op", "{\"id\": \"bad-op\", \"op\": \"merge\", \"text\": \"x\"}", "\"upsert\" or \"delete\""));
            List<Map<String, String>> events = new ArrayList<>();
            events.add(event("py-1", "{\"id\": \"py-1\", \"title\": \"Stadium\", \"text\": \"The stadium was full of football fans.\"}"));
            events.add(event("py-2", "{\"id\": \"py-2\", \"text\": \"Fresh bread and cheese at the market.\"}"));
            events.add(event("py-3", "{\"id\": \"py-3\", \"text\": \"A rocket left the launch pad for the planet.\"}"));
            for (Malformed m : malformed) {
                events.add(event(m.key(), m.value()));
            }
            events.add(event("py-1", "{\"id\": \"py-1\", \"title\": \"Library\", \"text\": \"A quiet afternoon reading in the library.\", \"fields\": {\"source\": \"python\"}}"));
            events.add(event("py-2", "{\"id\": \"py-2\", \"op\": \"delete\"}"));
            events.add(event("py-3", null));
            events.add(event("py-4", "{\"id\": \"py-4\", \"text\": \"The weather is lovely today.\"}"));
            Path file = dir.resolve("events.jsonl");
            List<String> lines = new ArrayList<>();
            for (Map<String, String> e : events) {
                lines.add(JsonSerde.MAPPER.writeValueAsString(e));
            }
            Files.write(file, lines, StandardCharsets.UTF_8);

            String delivered = PythonEnvironment.run(List.of(python.python().toString(), python.script("produce_events.py").toString(),
                    stack.bootstrapServers(), "documents", file.toString()), Duration.ofMinutes(2));
            assertEquals(events.size(), delivered.lines().filter(l -> l.startsWith("{")).count(), delivered);

            Eventually.await("the good events applied", APPLIED, () -> http.get("/documents/py-4").status() == 200
                    && http.get("/stats").body().get("documents").asInt() == 2 && hits(http, "library").contains("py-1"));
            assertFalse(hits(http, "stadium football").contains("py-1"), "the update replaced py-1's old text");
            assertEquals("python", http.get("/documents/py-1").body().get("fields").get("source").asText());
            assertEquals(404, http.get("/documents/py-2").status(), "a delete event removes");
            assertEquals(404, http.get("/documents/py-3").status(), "a tombstone removes");

            Map<String, String> reasons = deadLetters(stack.bootstrapServers(), malformed.size());
            assertEquals(malformed.stream().map(Malformed::value).collect(Collectors.toSet()), reasons.keySet(),
                    "the dead-letter topic holds exactly the malformed events, bytes unchanged");
            for (Malformed m : malformed) {
                assertTrue(reasons.get(m.value()).contains(m.reason()), m.value() + " -> " + reasons.get(m.value()));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A bad event as a producer sends it, and the reason Spork must give. */
    private record Malformed(String key, String value, String reason) {
    }

    private static Map<String, String> event(String key, String value) {
        Map<String, String> e = new HashMap<>();
        e.put("key", key);
        e.put("value", value);
        return e;
    }

    private static List<String> hits(HttpJson http, String q) {
        List<String> ids = new ArrayList<>();
        http.search(q, 10).body().get("hits").forEach(h -> ids.add(h.get("id").asText()));
        return ids;
    }

    /** Original value -> reason header, of every committed dead letter. */
    private static Map<String, String> deadLetters(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader");
        Map<String, String> reasons = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("documents.dlq"));
            long deadline = System.nanoTime() + APPLIED.toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && (reasons.size() < expected || quietPolls < 3)) {
                var records = consumer.poll(Duration.ofMillis(500));
                quietPolls = records.isEmpty() ? quietPolls + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    reasons.put(new String(r.value(), StandardCharsets.UTF_8),
                            new String(r.headers().lastHeader(DeadLetters.ERROR_HEADER).value(), StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }
}
