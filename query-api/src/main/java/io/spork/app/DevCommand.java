package io.spork.app;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.topology.TopologyObserver;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./spork dev}: an embedded Kafka broker and Spork on localhost, for trying it out. */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "start an embedded Kafka broker (127.0.0.1:9092) and Spork on http://localhost:7070 (data under ./data)")
final class DevCommand implements Runnable {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "where the broker and the state live (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "N", description = "the broker's loopback port (dev.kafka-port)")
    String kafkaPort;

    SporkConfig config() {
        SporkConfig.Builder builder = configOptions.builder();
        if (kafkaPort != null) {
            builder.set(ConfigKeys.DEV_KAFKA_PORT, kafkaPort);
        }
        return builder.build();
    }

    @Override
    public void run() {
        SporkConfig config = config();
        DevStack stack = DevStack.start(config, dataDir, config.getInt(ConfigKeys.DEV_KAFKA_PORT), TopologyObserver.NONE);
        System.out.println("Spork is running at " + stack.node().baseUrl() + "  (search: " + stack.node().baseUrl()
                + "/search?q=..., data in " + dataDir.toAbsolutePath() + ", Ctrl-C to stop)");
        System.out.println(kafkaBanner(stack.bootstrapServers(), config));
        SporkCli.awaitShutdown(stack);
    }

    /** Where Kafka clients produce document events to the dev stack, and where rejected ones go. */
    static String kafkaBanner(String bootstrapServers, SporkConfig config) {
        return "Kafka bootstrap server: " + bootstrapServers
                + "\n  produce document events (JSON, key = document id) to topic '" + config.get(ConfigKeys.TOPICS_DOCUMENTS) + "'"
                + "\n  rejected events, with the reason in header spork.error: topic '" + config.get(ConfigKeys.TOPICS_DLQ) + "'"
                + "\n  encoded documents (compacted): topic '" + config.get(ConfigKeys.TOPICS_VECTORS) + "'"
                + "\n  event format: schemas/src/main/resources/schemas/document-event.schema.json";
    }
}
