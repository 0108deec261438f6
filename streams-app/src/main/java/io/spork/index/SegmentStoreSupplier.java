package io.spork.index;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import io.spork.state.CommittedStoreSupplier;

/**
 * Supplies the posting store: a {@link SegmentStore} around RocksDB (a store that commits its
 * offsets with its data, {@link CommittedStoreSupplier}). Given to
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
        return new SegmentStore(new CommittedStoreSupplier(name).get());
    }

    @Override
    public String metricsScope() {
        return "rocksdb";
    }
}
