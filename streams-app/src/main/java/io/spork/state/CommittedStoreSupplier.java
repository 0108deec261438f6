package io.spork.state;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Supplies a {@link CommittedKeyValueStore}: given to {@code Stores.keyValueStoreBuilder} in place
 * of {@code Stores.persistentKeyValueStore}, it gets Kafka Streams' changelogging and metering
 * layers around it, and a crash under exactly-once replays only its changelog's uncommitted tail.
 */
public final class CommittedStoreSupplier implements KeyValueBytesStoreSupplier {
    private final String name;

    public CommittedStoreSupplier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new CommittedKeyValueStore(name);
    }

    @Override
    public String metricsScope() {
        return "rocksdb";
    }
}
