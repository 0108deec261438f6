package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.SparseVector;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.KafkaClusterNode;
import io.spork.testing.LogAudit;
import io.spork.testing.SporkProcess;
import io.spork.testing.TestModels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults with real processes, one after another, under a bounded client load: a three-node KRaft
 * cluster in separate JVMs (replication factor 3, min.insync.replicas=2) and two Spork instances
 * in separate JVMs. A writer posts, updates and deletes through both instances (retrying a write
 * until it is answered 2xx); a searcher asks both. Faults: SIGKILL of a broker and its return,
 * SIGSTOP of a broker (hung, not dead) and its SIGCONT, SIGKILL of a Spork instance and its
 * restart, SIGSTOP of an instance past the session timeout, and a new instance joining with an
 * empty state directory. After each, with the writer paused once its last write was answered
 * 2xx: every acknowledged write is applied (the stored text of every id is its last
 * acknowledged one, nothing else exists) and searches equal a brute-force oracle; throughout,
 * every search answer is an error status, or complete and exact, or flagged partial. At the end:
 * no vector record repeats the one before it for the same id (duplicates), and no ERROR in any
 * Spork log that no expected fault explains. Prints a table of the figures (README).
 */
class FaultInjectionIntegrationTest {
    private static final Duration SETTLE = Duration.ofSeconds(150);
    private static final Duration DOWN = Duration.ofSeconds(10);
    /** A hung broker stays stopped past the controller's broker session timeout (9 s), so it is fenced. */
    private static final Duration HUNG = Duration.ofSeconds(15);
    private static final int SESSION_TIMEOUT_MS = 6000;
    private static final int IDS = 40;
    private static final int K = 10;
    private static final List<String> QUERIES = List.of("heart patient trial", "rocket planet star", "coffee garden bird");
    private static final String[] WORDS = ("weather stadium library river mountain protein cell virus drug trial patient heart "
            + "brain memory music guitar ocean forest desert rocket planet star galaxy engine battery solar wind rain snow "
            + "bread cheese coffee tea garden flower tree bird fish horse dog cat city village bridge road train airport").split(" ");
    private static final Pattern REPLAYED = Pattern.compile("restored .* (\\d+) changelog records replayed");

    /** Kept when the test fails: the brokers' and instances' logs say why. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /**
     * Held by the writer for one write, retries included: a pause takes it, so the settled state
     * is read only once no write is in flight (a write answered late, e.g. behind a leader
     * election, lands after an earlier snapshot of the acknowledged texts and is not a lost one).
     */
    private final ReentrantLock writing = new ReentrantLock();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final List<String> table = new ArrayList<>();

    @Test
    void faultsOneAfterAnotherLoseAndDuplicateNothing() throws Exception {
        int[] brokerPorts = {freePort(), freePort(), freePort()};
        int[] controllerPorts = {freePort(), freePort(), freePort()};
        String clusterId = Uuid.randomUuid().toString();
        List<KafkaClusterNode> brokers = new ArrayList<>();
        List<SporkProcess> instances = new ArrayList<>();
        String bootstrap = KafkaClusterNode.bootstrap(brokerPorts);
        try {
            for (int id = 1; id <= 3; id++) {
                KafkaClusterNode node = new KafkaClusterNode(id, dir.resolve("kafka"), clusterId, brokerPorts, controllerPorts);
                node.start();
                brokers.add(node);
            }
            awaitBrokers(bootstrap, 3);
            int[] httpPorts = {freePort(), freePort(), freePort()};
            Path[] configs = new Path[3];
            Path[] logs = new Path[3];
            for (int i = 0; i < 3; i++) {
                configs[i] = writeConfig(bootstrap, httpPorts[i], dir.resolve("state-" + i), i);
                logs[i] = dir.resolve("spork-" + i + ".log");
            }
            instances.add(SporkProcess.start(configs[0], logs[0]));
            instances.add(SporkProcess.start(configs[1], logs[1]));
            List<HttpJson> http = new ArrayList<>(List.of(new HttpJson("http://localhost:" + httpPorts[0]),
                    new HttpJson("http://localhost:" + httpPorts[1])));
            Eventually.await("both instances ready", SETTLE, () -> ready(http.get(0)) && ready(http.get(1)));

            Oracle oracle = new Oracle(TestModels.sharedEncoder());
            AtomicBoolean paused = new AtomicBoolean(false);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread writer = new Thread(() -> write(http, paused, running, oracle), "fault-writer");
            Thread searcher = new Thread(() -> search(http, running, oracle), "fault-searcher");
            writer.start();
            searcher.start();
            Thread.sleep(5000);

            fault("SIGKILL broker 2 (back after 10 s)", http, paused, oracle, () -> {
                brokers.get(1).kill();
                Thread.sleep(DOWN.toMillis());
                brokers.get(1).start();
            });
            fault("SIGSTOP broker 1 for " + HUNG.toSeconds() + " s (hung, not dead), then SIGCONT", http, paused, oracle, () -> {
                brokers.get(0).pause();
                Thread.sleep(HUNG.toMillis());
                brokers.get(0).resume();
            });
            fault("SIGKILL Spork instance 2 (restarted on its state)", http, paused, oracle, () -> {
                instances.get(1).kill();
                Thread.sleep(DOWN.toMillis());
                instances.set(1, SporkProcess.start(configs[1], logs[1]));
            });
            fault("SIGSTOP Spork instance 2 for 10 s (session timeout 6 s), then SIGCONT", http, paused, oracle, () -> {
                instances.get(1).pause();
                Thread.sleep(DOWN.toMillis());
                instances.get(1).resume();
            });
            long joined = System.nanoTime();
            fault("new Spork instance 3 joins with an empty state directory", http, paused, oracle, () -> {
                instances.add(SporkProcess.start(configs[2], logs[2]));
                http.add(new HttpJson("http://localhost:" + httpPorts[2]));
                Eventually.await("instance 3 ready", SETTLE, () -> ready(http.get(2)));
            });
            long replayed = replayedRecords(logs[2]);
            table.add("restore of the empty instance: ready after " + (System.nanoTime() - joined) / 1_000_000 + " ms (join to settled), "
                    + replayed + " changelog records replayed");

            running.set(false);
            writer.join();
            searcher.join();
            int duplicates = duplicateVectorRecords(bootstrap);
            table.add("duplicate vector records: " + duplicates);
            System.out.println(String.join("\n", table));
            assertEquals(List.of(), List.copyOf(problems), "search answers and settled states");
            assertEquals(0, duplicates, "vector records repeating the previous one of their id");
            assertTrue(replayed > 0, "the empty instance restored from the changelogs");
            List<LogAudit.Expected> expectedErrors = List.of(LogAudit.TASK_MIGRATED, LogAudit.STATE_REBUILT_AFTER_KILL,
                    LogAudit.COMMIT_OF_A_TRANSACTION_THE_BROKER_ABORTED, LogAudit.LEFT_THE_GROUP_AFTER_ITS_SESSION_EXPIRED);
            for (Path log : logs) {
                System.out.println("expected ERRORs in " + log.getFileName() + ": " + LogAudit.explainedErrors(log, expectedErrors));
                assertEquals(List.of(), LogAudit.unexpectedErrors(log, expectedErrors), "unexpected ERRORs in " + log.getFileName());
            }
        } finally {
            for (SporkProcess p : instances) {
                p.close();
            }
            for (KafkaClusterNode b : brokers) {
                b.close();
            }
        }
    }

    /** An action that injects a fault (and lifts it). */
    private interface Fault {
        void inject() throws Exception;
    }

    private void fault(String name, List<HttpJson> http, AtomicBoolean paused, Oracle oracle, Fault fault) throws Exception {
        long started = System.nanoTime();
        fault.inject();
        Eventually.await("complete answers after: " + name, SETTLE, () -> http.stream().allMatch(h -> complete(h)));
        long completeMs = (System.nanoTime() - started) / 1_000_000;
        paused.set(true);
        assertTrue(writing.tryLock(SETTLE.toSeconds(), TimeUnit.SECONDS), "the writer's last write answered 2xx after: " + name);
        writing.unlock();
        Map<String, String> expected = Map.copyOf(acknowledged);
        List<String> lost = new ArrayList<>();
        try {
            Eventually.await("every acknowledged write applied after: " + name, SETTLE, () -> {
                lost.clear();
                for (int i = 0; i < IDS; i++) {
                    String id = "doc-" + i;
                    HttpJson.Response r = get(http.get(0), "/documents/" + id);
                    String stored = r == null || r.status() != 200 || r.body().has("pending") ? null : r.body().get("text").asText();
                    boolean gone = r != null && r.status() == 404;
                    if (expected.containsKey(id) ? !expected.get(id).equals(stored) : !gone) {
                        lost.add(id + " expected " + expected.get(id) + ", got " + (r == null ? "no answer" : r.status() + " " + stored));
                    }
                }
                return lost.isEmpty();
            });
        } catch (AssertionError notApplied) {
            throw new AssertionError(notApplied.getMessage() + "; logs in " + dir + "; not applied: " + lost, notApplied);
        }
        for (HttpJson h : http) {
            for (String q : QUERIES) {
                // A rebalance may still follow (a resumed instance rejoins): wait for a complete answer.
                java.util.concurrent.atomic.AtomicReference<JsonNode> answer = new java.util.concurrent.atomic.AtomicReference<>();
                Eventually.await("a complete answer to '" + q + "' after: " + name, SETTLE, () -> {
                    HttpJson.Response r = get(h, "/search?mode=splade&q=" + q.replace(' ', '+') + "&k=" + K);
                    answer.set(r == null || r.status() != 200 ? null : r.body());
                    return answer.get() != null && !answer.get().get("partial").asBoolean();
                });
                oracle.assertEqualsBruteForce(q, answer.get(), expected);
            }
        }
        String row = "| " + name + " | " + completeMs + " ms | " + lost.size() + " |";
        System.out.println(row);
        table.add(row);
        paused.set(false);
    }

    private void write(List<HttpJson> http, AtomicBoolean paused, AtomicBoolean running, Oracle oracle) {
        Random random = new Random(16);
        int n = 0;
        while (running.get()) {
            writing.lock();
            try {
                if (!paused.get()) {
                    writeOne(http.get(n % 2), random, running, oracle);
                    n++;
                }
            } finally {
                writing.unlock();
            }
            sleep(100);
        }
    }

    /** Posts, updates or deletes a random id and retries until it is answered 2xx. */
    private void writeOne(HttpJson h, Random random, AtomicBoolean running, Oracle oracle) {
        String id = "doc-" + random.nextInt(IDS);
        String text = null;
        if (random.nextInt(5) != 0) {
            StringBuilder s = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                s.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            }
            text = s.toString().trim();
            oracle.learn(id, text);
        }
        // Retry until answered 2xx, through the same instance: an attempt that timed out may
        // still land, and its producer keeps it ahead of the retry (through another instance
        // it could land after later writes of the id).
        while (running.get()) {
            HttpJson.Response r = text == null ? delete(h, "/documents/" + id)
                    : post(h, "/documents", "{\"id\": \"" + id + "\", \"text\": \"" + text + "\"}");
            if (r != null && r.status() / 100 == 2) {
                if (text == null) {
                    acknowledged.remove(id);
                } else {
                    acknowledged.put(id, text);
                }
                return;
            }
            sleep(200);
        }
    }

    private void search(List<HttpJson> http, AtomicBoolean running, Oracle oracle) {
        for (int i = 0; running.get(); i++) {
            String q = QUERIES.get(i % QUERIES.size());
            HttpJson.Response r = get(http.get(i % http.size()), "/search?mode=splade&q=" + q.replace(' ', '+') + "&k=" + K);
            if (r != null && r.status() == 200) {
                problems.addAll(oracle.check(q, r.body()));
            }
            sleep(150);
        }
    }

    private static boolean complete(HttpJson http) {
        HttpJson.Response r = get(http, "/search?q=weather&k=1");
        return r != null && r.status() == 200 && !r.body().get("partial").asBoolean();
    }

    private static boolean ready(HttpJson http) {
        HttpJson.Response r = get(http, "/ready");
        return r != null && r.status() == 200;
    }

    private static HttpJson.Response get(HttpJson http, String path) {
        try {
            return http.get(path);
        } catch (IllegalStateException unreachable) {
            return null;
        }
    }

    private static HttpJson.Response post(HttpJson http, String path, String body) {
        try {
            return http.post(path, body);
        } catch (IllegalStateException unreachable) {
            return null;
        }
    }

    private static HttpJson.Response delete(HttpJson http, String path) {
        try {
            return http.delete(path);
        } catch (IllegalStateException unreachable) {
            return null;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long replayedRecords(Path log) throws IOException {
        long total = 0;
        for (String line : Files.readAllLines(log)) {
            Matcher m = REPLAYED.matcher(line);
            if (m.find()) {
                total += Long.parseLong(m.group(1));
            }
        }
        return total;
    }

    /** Committed vector records that carry the same content hash as the previous record of their id. */
    private static int duplicateVectorRecords(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-test-reader");
        Map<String, String> last = new HashMap<>();
        int duplicates = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("vectors"));
            int quiet = 0;
            while (quiet < 6) {
                var records = consumer.poll(Duration.ofMillis(500));
                quiet = records.isEmpty() ? quiet + 1 : 0;
                for (ConsumerRecord<String, byte[]> r : records) {
                    String hash = r.value() == null ? "deleted" : io.spork.schema.VectorRecordSerde.read(r.value()).contentHash();
                    if (hash.equals(last.put(r.key(), hash)) && r.value() != null) {
                        duplicates++;
                    }
                }
            }
        }
        return duplicates;
    }

    private static void awaitBrokers(String bootstrap, int count) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            Eventually.await(count + " brokers in the cluster", SETTLE, () -> {
                try {
                    return admin.describeCluster().nodes().get(5, java.util.concurrent.TimeUnit.SECONDS).size() == count;
                } catch (Exception notYet) {
                    return false;
                }
            });
        }
    }

    private static Path writeConfig(String bootstrap, int port, Path stateDir, int i) throws IOException {
        return SporkProcess.writeConfig(stateDir.resolveSibling("spork-" + i + ".properties"), bootstrap, port, stateDir,
                "encoder.intra-op-threads=1",
                "topics.partitions=4",
                "topics.replication-factor=3",
                "streams.num-standby-replicas=1",
                "streams.session-timeout-ms=" + SESSION_TIMEOUT_MS,
                "http.peer-timeout-ms=1000");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Brute-force scores of every text each document was given. */
    private static final class Oracle {
        private final SpladeEncoder encoder;
        private final Map<String, SparseVector> queries = new HashMap<>();
        private final Map<String, Map<String, List<Double>>> scores = new ConcurrentHashMap<>();

        Oracle(SpladeEncoder encoder) {
            this.encoder = encoder;
            for (String q : QUERIES) {
                queries.put(q, encoder.encode(q));
                scores.put(q, new ConcurrentHashMap<>());
            }
        }

        /** Called before the write is sent, so any answer that reflects it can be checked. */
        void learn(String id, String text) {
            SparseVector v = encoder.encode(text);
            for (String q : QUERIES) {
                scores.get(q).computeIfAbsent(id, x -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(v.dot(queries.get(q)));
            }
        }

        List<String> check(String q, JsonNode body) {
            List<String> found = new ArrayList<>();
            int answered = body.get("partitions").get("answered").asInt();
            int total = body.get("partitions").get("total").asInt();
            // A page missing partitions must say it is partial. The converse does not hold: with
            // every partition answered, a page is also partial when an instance missed a later
            // phase (dressing the page's hits from an instance killed in between), as ClusterSearch
            // documents; its hits are still checked below.
            if (answered < total && !body.get("partial").asBoolean()) {
                found.add(q + ": partial=" + body.get("partial") + " with " + answered + "/" + total + " partitions");
            }
            double previous = Double.POSITIVE_INFINITY;
            for (JsonNode hit : body.get("hits")) {
                String id = hit.get("id").asText();
                double score = hit.get("score").asDouble();
                if (score > previous + 1e-3) {
                    found.add(q + ": " + id + " ranked below a lower score");
                }
                List<Double> possible = scores.get(q).getOrDefault(id, List.of());
                if (possible.stream().noneMatch(s -> Math.abs(s - score) <= 1e-3)) {
                    found.add(q + ": " + id + " scored " + score + ", which none of its texts scores");
                }
                previous = score;
            }
            return found;
        }

        void assertEqualsBruteForce(String q, JsonNode answer, Map<String, String> texts) {
            assertTrue(!answer.get("partial").asBoolean(), "settled answers are complete: " + answer);
            List<Map.Entry<String, Double>> scored = new ArrayList<>();
            texts.forEach((id, text) -> scored.add(Map.entry(id, encoder.encode(text).dot(queries.get(q)))));
            // A search finds the documents that share a term with the query.
            scored.removeIf(e -> e.getValue() <= 0);
            scored.sort(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            JsonNode hits = answer.get("hits");
            assertEquals(Math.min(K, scored.size()), hits.size(), q);
            for (int r = 0; r < hits.size(); r++) {
                assertEquals(scored.get(r).getValue(), hits.get(r).get("score").asDouble(), 1e-3, q + " rank " + (r + 1));
            }
        }
    }
}
