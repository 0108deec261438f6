package io.spork.index;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Supplies the posting store: a {@link SegmentStore} around RocksDB. Given to
 * {@code Stores.keyValueStoreBuilder}, it gets Kafka Streams' changelogging and metering around it.
 */
public final class SegmentStoreSupplier implements KeyValueBytesStoreSupplier {
    private final String name;

    public SegmentStoreSupplier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new SegmentStore(Stores.persistentKeyValueStore(name).get());
    }

    @Override
    public String metricsScope() {
        return "rocksdb";
    }
}
