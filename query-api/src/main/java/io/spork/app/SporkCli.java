package io.spork.app;

import io.spork.config.ConfigException;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.ModelException;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.JsonSerde;
import io.spork.schema.SparseVector;
import io.spork.topology.TopologyObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Spork's command line, run through the {@code ./spork} launcher:
 * <pre>
 * ./spork dev [--data-dir DIR] [--port N] [--kafka-port N] [--config FILE]   embedded Kafka + Spork on localhost
 * ./spork run --config FILE [--port N]                      Spork against an existing Kafka cluster
 * ./spork encode "some text" [--config FILE]                the SPLADE terms of a text, as JSON
 * ./spork help
 * </pre>
 */
public final class SporkCli {
    private SporkCli() {
    }

    public static void main(String[] args) {
        try {
            int code = run(CommandLine.parse(args));
            if (code != 0) {
                System.exit(code);
            }
        } catch (CommandLine.UsageException | ConfigException | ModelException e) {
            System.err.println("spork: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(CommandLine cl) {
        switch (cl.command()) {
            case "dev" -> dev(cl);
            case "run" -> runAgainstCluster(cl);
            case "encode" -> encode(cl);
            case "help", "--help", "-h" -> System.out.println(usage());
            default -> throw new CommandLine.UsageException("unknown command '" + cl.command() + "'\n" + usage());
        }
        return 0;
    }

    static String usage() {
        return String.join("\n",
                "usage: ./spork COMMAND [OPTIONS]",
                "  dev [--data-dir DIR] [--port N] [--kafka-port N] [--config FILE]",
                "        start an embedded Kafka broker (127.0.0.1:9092) and Spork on http://localhost:7070 (data under ./data)",
                "  run --config FILE [--port N]",
                "        run Spork against the Kafka cluster named in FILE (kafka.bootstrap.servers, TLS/SASL keys)",
                "  encode TEXT [--config FILE]",
                "        print the SPLADE terms of TEXT, best first, as JSON",
                "  eval --beir DIR [--k 1000] [--run-out FILE] [--remove-query] [--model spork|exact|bm25]",
                "        index a BEIR data set on a fresh embedded stack and print nDCG@10, R@100, R@1000",
                "  bench query|encode|ingest|freshness|load|index [OPTIONS]",
                "        benchmarks against Lucene and bare ONNX Runtime; docs/benchmarks.md lists the options",
                "        (eval and bench are the tools module's, tools/bench: the launcher runs them from its classpath)",
                "  onnxruntime",
                "        (the launcher) which ONNX Runtime build it runs here, cpu or gpu (SPORK_ONNXRUNTIME=auto|cpu|gpu), and why",
                "  compose ARGS",
                "        (the launcher) docker compose ARGS, the image built with the CUDA ONNX Runtime when an NVIDIA GPU is present",
                "  help  this text",
                "configuration: config/spork.properties documents every key and its default;",
                "SPORK_* environment variables override it (http.port -> SPORK_HTTP_PORT).");
    }

    static SporkConfig config(CommandLine cl) {
        SporkConfig.Builder builder = SporkConfig.builder();
        cl.option("config").ifPresent(file -> builder.file(Path.of(file)));
        builder.environment(System.getenv());
        cl.option("port").ifPresent(port -> builder.set(ConfigKeys.HTTP_PORT, port));
        cl.option("kafka-port").ifPresent(port -> builder.set(ConfigKeys.DEV_KAFKA_PORT, port));
        return builder.build();
    }

    private static void dev(CommandLine cl) {
        SporkConfig config = config(cl);
        Path dataDir = Path.of(cl.option("data-dir").orElse("data"));
        DevStack stack = DevStack.start(config, dataDir, config.getInt(ConfigKeys.DEV_KAFKA_PORT), TopologyObserver.NONE);
        System.out.println("Spork is running at " + stack.node().baseUrl() + "  (search: " + stack.node().baseUrl()
                + "/search?q=..., data in " + dataDir.toAbsolutePath() + ", Ctrl-C to stop)");
        System.out.println(kafkaBanner(stack.bootstrapServers(), config));
        awaitShutdown(stack);
    }

    /** Where Kafka clients produce document events to the dev stack, and where rejected ones go. */
    static String kafkaBanner(String bootstrapServers, SporkConfig config) {
        return "Kafka bootstrap server: " + bootstrapServers
                + "\n  produce document events (JSON, key = document id) to topic '" + config.get(ConfigKeys.TOPICS_DOCUMENTS) + "'"
                + "\n  rejected events, with the reason in header spork.error: topic '" + config.get(ConfigKeys.TOPICS_DLQ) + "'"
                + "\n  encoded documents (compacted): topic '" + config.get(ConfigKeys.TOPICS_VECTORS) + "'"
                + "\n  event format: schemas/src/main/resources/schemas/document-event.schema.json";
    }

    private static void runAgainstCluster(CommandLine cl) {
        if (cl.option("config").isEmpty()) {
            throw new CommandLine.UsageException("run needs --config FILE naming your Kafka cluster (kafka.bootstrap.servers=...)");
        }
        SporkConfig config = config(cl);
        Path stateDir = Path.of(config.get(ConfigKeys.STATE_DIR).isBlank() ? "data/state" : config.get(ConfigKeys.STATE_DIR));
        SporkNode node = SporkNode.start(config, stateDir, TopologyObserver.NONE);
        System.out.println("Spork is running at " + node.baseUrl() + " against Kafka at " + config.bootstrapServers() + " (Ctrl-C to stop)");
        awaitShutdown(node);
    }

    private static void encode(CommandLine cl) {
        if (cl.positional().isEmpty()) {
            throw new CommandLine.UsageException("encode needs the text to encode: ./spork encode \"some text\"");
        }
        String text = String.join(" ", cl.positional());
        SporkConfig config = config(cl);
        try (SpladeEncoder encoder = SpladeEncoder.open(EncoderSettings.from(config))) {
            SparseVector v = encoder.encode(text);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                order.add(i);
            }
            order.sort((a, b) -> Float.compare(v.weightAt(b), v.weightAt(a)));
            List<Map<String, Object>> terms = new ArrayList<>();
            for (int i : order) {
                Map<String, Object> term = new LinkedHashMap<>();
                term.put("token", encoder.vocabulary().token(v.idAt(i)));
                term.put("id", v.idAt(i));
                term.put("weight", Math.round(v.weightAt(i) * 10000.0) / 10000.0);
                terms.add(term);
            }
            System.out.println(JsonSerde.MAPPER.writeValueAsString(Map.of("terms", terms)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitShutdown(AutoCloseable running) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Spork is stopping...");
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("spork: error while stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "spork-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
