package io.spork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import io.spork.schema.JsonSerde;
import io.spork.schema.VectorRecord;
import io.spork.schema.VectorRecordSerde;
import io.spork.topology.StartupLog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The crash phase of {@code bench index}: an instance in a child JVM ({@code SporkCli run}) on the
 * benchmark's broker and state directory opens the indexed documents, takes a tail of new ones and
 * is SIGKILLed while it writes them; a second child starts on the same state directory. Printed:
 * {@code ready_after_restart_fresh_process_s}, seconds from the first child's spawn until it is
 * ready with every document searchable (a clean restart as a user sees it: a new JVM on the stores
 * the benchmark's instance closed), {@code ready_after_crash_s}, the same for the second child, and
 * the changelog records it replayed (its {@code RestoreLog} lines).
 */
final class CrashRestartPhase {
    /** New documents written while the instance is killed: its stores hold uncommitted writes then. */
    static final int TAIL = 5_000;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Pattern REPLAYED = Pattern.compile("restored (\\S+) partition \\d+: (\\d+) changelog records replayed");
    private static final Pattern STEP = Pattern.compile(StartupLog.PATTERN);
    private static final Pattern JVM_START = Pattern.compile("startup: JVM started at epoch ms (\\d+)");
    private static final Pattern WIPED = Pattern.compile("are corrupted and hence need to be re-initialized");

    private final SporkConfig config;
    private final Path configFile;
    private final Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    private CrashRestartPhase(SporkConfig config, Path dir) throws IOException {
        int port = freePort();
        this.config = config.with(HttpSettings.PORT, Integer.toString(port));
        this.dir = dir;
        this.base = URI.create("http://localhost:" + port);
        this.configFile = dir.resolve("crash-instance.properties");
        writeConfig(this.config, configFile);
    }

    /**
     * @param state the state directory the benchmark's instances indexed {@code docs} documents into
     */
    static void run(SporkConfig config, Path state, SyntheticCorpus corpus, int docs) throws Exception {
        Path dir = state.getParent();
        CrashRestartPhase phase = new CrashRestartPhase(config.with(KafkaSettings.STATE_DIR, state.toString()), dir);
        int total = docs + TAIL;
        Path firstLog = dir.resolve("crash-first.log");
        long firstSpawnedEpochMs = System.currentTimeMillis();
        long firstStarted = System.nanoTime();
        Process first = phase.start(firstLog);
        try {
            phase.await("the first child instance to be ready", first, () -> phase.ready() && phase.documents() == docs);
            // The first child is a clean restart in a fresh process: the stores as the benchmark's instance closed them.
            double cleanSeconds = (System.nanoTime() - firstStarted) / 1e9;
            System.out.println("clean restart in a fresh process, seconds after the spawn: " + breakdown(Files.readString(firstLog), firstSpawnedEpochMs)
                    + String.format(", every document searchable %.1f", cleanSeconds));
            System.out.printf("ready_after_restart_fresh_process_s: %.1f%n", cleanSeconds);
            produce(config, corpus, docs, total);
            phase.await("the tail to be under way", first, () -> phase.documents() > docs);
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
        Path secondLog = dir.resolve("crash-second.log");
        long spawnedEpochMs = System.currentTimeMillis();
        long started = System.nanoTime();
        Process second = phase.start(secondLog);
        try {
            phase.await("the restarted child instance to be ready", second, phase::ready);
            double readySeconds = (System.nanoTime() - started) / 1e9;
            phase.await("the restarted child instance to have every document searchable", second,
                    () -> phase.ready() && phase.documents() == total);
            double seconds = (System.nanoTime() - started) / 1e9;
            String log = Files.readString(secondLog);
            System.out.println("crash restart, seconds after the spawn: " + breakdown(log, spawnedEpochMs)
                    + String.format(", /ready answered 200 %.1f, every document searchable %.1f", readySeconds, seconds));
            long replayed = 0;
            Matcher m = REPLAYED.matcher(log);
            while (m.find()) {
                replayed += Long.parseLong(m.group(2));
            }
            System.out.printf("crash: SIGKILL while indexing %d new documents over %d; restart replayed %d changelog records, stores wiped: %s%n",
                    TAIL, docs, replayed, WIPED.matcher(log).find() ? "yes" : "no");
            System.out.printf("ready_after_crash_s: %.1f%n", seconds);
        } finally {
            second.destroy();
            second.waitFor();
        }
    }

    /** The child's {@link StartupLog} steps, first occurrence of each, in seconds after the parent spawned it. */
    static String breakdown(String log, long spawnedEpochMs) {
        Matcher jvm = JVM_START.matcher(log);
        if (!jvm.find()) {
            return "(no start-up steps in the log)";
        }
        long jvmStart = Long.parseLong(jvm.group(1));
        Map<String, Double> steps = new java.util.LinkedHashMap<>();
        steps.put("JVM started", (jvmStart - spawnedEpochMs) / 1e3);
        Matcher m = STEP.matcher(log);
        while (m.find()) {
            steps.putIfAbsent(m.group(1), (jvmStart + Long.parseLong(m.group(2)) - spawnedEpochMs) / 1e3);
        }
        StringBuilder text = new StringBuilder();
        steps.forEach((step, at) -> text.append(text.length() == 0 ? "" : ", ").append(step).append(' ').append(String.format("%.2f", at)));
        return text.toString();
    }

    private Process start(Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xss4m");
        command.add("-Xmx" + Runtime.getRuntime().maxMemory() / (1 << 20) + "m");
        String home = System.getProperty("spork.home");
        if (home != null) {
            command.add("-Dspork.home=" + home);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.spork.app.SporkCli", "run", "--config", configFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
        return builder.start();
    }

    private static void writeConfig(SporkConfig config, Path file) throws IOException {
        StringBuilder text = new StringBuilder("# written by bench index for its crash phase\n");
        // Every non-empty value (an empty one is the packaged default's), secrets included: the file stays in the benchmark's own directory.
        for (Map.Entry<String, String> e : config.withPrefix("").entrySet()) {
            text.append(e.getKey()).append('=').append(e.getValue().replace("\\", "\\\\")).append('\n');
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    private static void produce(SporkConfig config, SyntheticCorpus corpus, int from, int to) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaSettings.BOOTSTRAP_SERVERS));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        String topic = config.get(TopicSettings.VECTORS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = from; i < to; i++) {
                VectorRecord record = SporkBenchIndex.record(i, corpus.document(i));
                producer.send(new ProducerRecord<>(topic, record.id(), VectorRecordSerde.write(record)));
            }
            producer.flush();
        }
    }

    private boolean ready() {
        return status("/ready") == 200;
    }

    private long documents() {
        JsonNode stats = body("/stats");
        return stats == null ? -1 : stats.get("documents").asLong();
    }

    private int status(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException notListening) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private JsonNode body(String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JsonSerde.MAPPER.readTree(r.body()) : null;
        } catch (IOException notListening) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void await(String what, Process process, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the child instance exited (" + process.exitValue() + ") while waiting for " + what
                        + "; its log is in " + dir);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
