package io.spork.app;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.dev.EmbeddedKafkaBroker;
import io.spork.topology.TopologyObserver;
import java.nio.file.Path;

/**
 * The embedded default of {@code ./spork dev}: a single-node KRaft broker in this JVM with its
 * log under {@code dataDir/kafka}, and one Spork instance with its state under {@code dataDir/state}.
 * A restart on the same directory keeps every document.
 */
public final class DevStack implements AutoCloseable {
    private final EmbeddedKafkaBroker broker;
    private final SporkNode node;

    private DevStack(EmbeddedKafkaBroker broker, SporkNode node) {
        this.broker = broker;
        this.node = node;
    }

    /** The broker on a free loopback port (tests, eval and benchmarks run beside other stacks). */
    public static DevStack start(SporkConfig config, Path dataDir, TopologyObserver observer) {
        return start(config, dataDir, 0, observer);
    }

    /** @param kafkaPort the loopback port clients bootstrap from, 0 for a free one */
    public static DevStack start(SporkConfig config, Path dataDir, int kafkaPort, TopologyObserver observer) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, kafkaPort);
        try {
            SporkConfig withBroker = config.with(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, broker.bootstrapServers())
                    .with(ConfigKeys.TOPICS_REPLICATION_FACTOR, "1")
                    // One instance on one broker: there is nowhere to put a standby.
                    .with(ConfigKeys.STREAMS_NUM_STANDBY_REPLICAS, "0");
            Path stateDir = config.get(ConfigKeys.STATE_DIR).isBlank() ? dataDir.resolve("state") : Path.of(config.get(ConfigKeys.STATE_DIR));
            return new DevStack(broker, SporkNode.start(withBroker, stateDir, observer));
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    public SporkNode node() {
        return node;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            node.close();
        } finally {
            broker.close();
        }
    }
}
