package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.dev.EmbeddedKafkaBroker;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.SparseVector;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.LogAudit;
import io.spork.testing.SporkProcess;
import io.spork.testing.TestModels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a Spork process with SIGKILL in the middle of ingest (upserts, then updates and deletes
 * in flight), restarts it, kills it again while it restores, restarts it once more on the same
 * state directory, and checks that every acknowledged event is then applied exactly once: one
 * committed vector record per document that had a single event (no duplicate encoding escaped
 * the crashes), updated documents carry their new text, deleted ones are gone, and searches equal
 * a brute-force oracle over the final texts.
 */
class CrashRecoveryIntegrationTest {
    private static final int DOCUMENTS = 1500;
    private static final Duration RECOVERY = Duration.ofSeconds(120);
    private static final Duration RESTORING = Duration.ofSeconds(3);
    private static final int UPDATE_EVERY = 3;
    private static final int DELETE_EVERY = 5;
    private static final String[] WORDS = ("weather stadium library river mountain protein cell virus drug trial patient heart "
            + "brain memory music guitar ocean forest desert rocket planet star galaxy engine battery solar wind rain snow "
            + "bread cheese coffee tea garden flower tree bird fish horse dog cat city village bridge road train airport").split(" ");

    @TempDir
    Path dir;

    @Test
    void sigkillMidIngestAndMidRestoreLosesAndDuplicatesNothing() throws Exception {
        Map<String, String> corpus = corpus();
        Map<String, String> expected = new HashMap<>(corpus);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"))) {
            int port = freePort();
            Path config = writeConfig(broker.bootstrapServers(), port);
            HttpJson http = new HttpJson("http://localhost:" + port);
            Path log = dir.resolve("spork.log");

            SporkProcess first = SporkProcess.start(config, log);
            Eventually.await("the first process to be ready", RECOVERY, () -> ready(http, first));
            try (KafkaProducer<String, String> producer = producer(broker.bootstrapServers())) {
                for (Map.Entry<String, String> doc : corpus.entrySet()) {
                    producer.send(new ProducerRecord<>("documents", doc.getKey(), upsert(doc.getKey(), doc.getValue())));
                }
                for (int i = 0; i < DOCUMENTS; i++) {
                    String id = "doc-" + i;
                    if (i % UPDATE_EVERY == 0) {
                        String updated = "updated " + corpus.get(id);
                        producer.send(new ProducerRecord<>("documents", id, upsert(id, updated)));
                        expected.put(id, updated);
                    }
                    if (i % DELETE_EVERY == 0) {
                        producer.send(new ProducerRecord<>("documents", id, null));
                        expected.remove(id);
                    }
                }
                producer.flush();
            }
            Eventually.await("ingest to be under way", RECOVERY, () -> documents(http) >= DOCUMENTS / 10);
            long before = documents(http);
            first.kill();
            assertTrue(before < DOCUMENTS, "the kill must land mid-ingest (indexed " + before + ")");

            SporkProcess second = SporkProcess.start(config, log);
            Thread.sleep(RESTORING.toMillis());
            second.kill();

            try (SporkProcess third = SporkProcess.start(config, log)) {
                Eventually.await("every event applied after the restarts", RECOVERY,
                        () -> ready(http, third) && documents(http) == expected.size() && updatesVisible(http, expected));
                assertOneCommittedVectorPerSingleEventDocument(broker.bootstrapServers());
                for (int i = 0; i < DOCUMENTS; i += DELETE_EVERY) {
                    assertEquals(404, http.get("/documents/doc-" + i).status(), "doc-" + i + " was deleted");
                }
                assertSearchesEqualBruteForce(http, expected);
            }
            assertEquals(List.of(), LogAudit.unexpectedErrors(log, List.of(LogAudit.TASK_MIGRATED, LogAudit.STATE_REBUILT_AFTER_KILL)),
                    "ERRORs in the Spork processes' log that no expected fault explains");
        }
    }

    private static boolean updatesVisible(HttpJson http, Map<String, String> expected) {
        for (int i = 0; i < DOCUMENTS; i += UPDATE_EVERY) {
            String id = "doc-" + i;
            if (expected.containsKey(id)) {
                HttpJson.Response doc = http.get("/documents/" + id);
                if (doc.status() != 200 || !expected.get(id).equals(doc.body().get("text").asText())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String upsert(String id, String text) {
        return "{\"id\": \"" + id + "\", \"text\": \"" + text + "\"}";
    }

    private static Map<String, String> corpus() {
        Random random = new Random(42);
        Map<String, String> corpus = new HashMap<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            corpus.put("doc-" + i, text.toString().trim());
        }
        return corpus;
    }

    private void assertOneCommittedVectorPerSingleEventDocument(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "crash-test-reader");
        Map<String, Integer> perKey = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("vectors"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (perKey.size() < DOCUMENTS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    perKey.merge(r.key(), 1, Integer::sum);
                }
            }
            for (int i = 0; i < 4; i++) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    perKey.merge(r.key(), 1, Integer::sum);
                }
            }
        }
        assertEquals(DOCUMENTS, perKey.size(), "every document reached the vectors topic");
        List<String> duplicated = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            if (i % UPDATE_EVERY != 0 && i % DELETE_EVERY != 0 && perKey.get("doc-" + i) != 1) {
                duplicated.add("doc-" + i + " x" + perKey.get("doc-" + i));
            }
        }
        assertEquals(List.of(), duplicated, "documents with one event, encoded and committed more than once");
    }

    private static void assertSearchesEqualBruteForce(HttpJson http, Map<String, String> corpus) {
        SpladeEncoder encoder = TestModels.sharedEncoder();
        List<String> ids = new ArrayList<>(corpus.keySet());
        List<String> texts = ids.stream().map(corpus::get).toList();
        List<SparseVector> vectors = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += 64) {
            vectors.addAll(encoder.encode(texts.subList(from, Math.min(texts.size(), from + 64))));
        }
        for (String q : List.of("heart patient trial", "rocket planet", "coffee garden bird")) {
            SparseVector query = encoder.encode(q);
            List<Map.Entry<String, Double>> scored = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                scored.add(Map.entry(ids.get(i), vectors.get(i).dot(query)));
            }
            scored.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            List<String> hits = new ArrayList<>();
            List<Double> scores = new ArrayList<>();
            http.searchSplade(q, 10).body().get("hits").forEach(h -> {
                hits.add(h.get("id").asText());
                scores.add(h.get("score").asDouble());
            });
            for (int r = 0; r < 10; r++) {
                assertEquals(scored.get(r).getValue(), scores.get(r), 1e-3, "score at rank " + (r + 1) + " for '" + q + "'");
            }
            // Ids must agree except where two scores are equal within float rounding.
            for (int r = 0; r < 10; r++) {
                if (Math.abs(scored.get(r).getValue() - scored.get(Math.min(9, r + 1)).getValue()) > 1e-3
                        && (r == 0 || Math.abs(scored.get(r).getValue() - scored.get(r - 1).getValue()) > 1e-3)) {
                    assertEquals(scored.get(r).getKey(), hits.get(r), "id at rank " + (r + 1) + " for '" + q + "'");
                }
            }
        }
    }

    private Path writeConfig(String bootstrap, int port) throws IOException {
        return SporkProcess.writeConfig(dir.resolve("spork.properties"), bootstrap, port, dir.resolve("state"),
                "topics.partitions=2",
                "topics.replication-factor=1",
                "streams.num-standby-replicas=0",
                "streams.session-timeout-ms=6000",
                "encoder.batch-documents=16",
                "encoder.run-windows=16",
                "streams.max-poll-records=32");
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static boolean ready(HttpJson http, SporkProcess process) {
        if (!process.isAlive()) {
            throw new AssertionError("Spork exited:\n" + process.logTail());
        }
        try {
            return http.get("/ready").status() == 200;
        } catch (IllegalStateException notListening) {
            return false;
        }
    }

    private static long documents(HttpJson http) {
        try {
            return http.get("/stats").body().get("documents").asLong();
        } catch (IllegalStateException notListening) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
