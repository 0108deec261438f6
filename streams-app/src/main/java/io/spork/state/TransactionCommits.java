package io.spork.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The open {@link CommittedKeyValueStore}s of one Kafka Streams application in this process, by
 * changelog partition, told when a transaction holding records of their changelogs has committed.
 * One instance per application, passed to its stores inside the application's configuration
 * (under {@link #CONFIG}), so two instances in one JVM never see each other's stores.
 */
public final class TransactionCommits {
    /** The configuration entry holding this object (not a Kafka setting; Kafka Streams passes it on to stores untouched). */
    public static final String CONFIG = "spork.transaction.commits";

    private final Map<TopicPartition, CommittedKeyValueStore> stores = new ConcurrentHashMap<>();

    /** The registry in an application's configuration, or null when it runs without one (tests, tools). */
    static TransactionCommits of(Map<String, Object> appConfigs) {
        return appConfigs.get(CONFIG) instanceof TransactionCommits commits ? commits : null;
    }

    void register(TopicPartition changelog, CommittedKeyValueStore store) {
        stores.put(changelog, store);
    }

    void unregister(TopicPartition changelog, CommittedKeyValueStore store) {
        stores.remove(changelog, store);
    }

    /**
     * A transaction has committed with these last changelog offsets: the stores of those
     * changelogs make their buffered writes durable with them. Runs on the stream thread whose
     * producer committed, the thread that writes those stores.
     */
    void committed(Map<TopicPartition, Long> lastOffsets) {
        for (Map.Entry<TopicPartition, Long> e : lastOffsets.entrySet()) {
            CommittedKeyValueStore store = stores.get(e.getKey());
            if (store != null && store.isOpen()) {
                store.persist(Map.of(e.getKey(), e.getValue()));
            }
        }
    }
}
