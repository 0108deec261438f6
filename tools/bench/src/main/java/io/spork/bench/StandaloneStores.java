package io.spork.bench;

import io.spork.index.DocumentStore;
import io.spork.index.PostingStore;
import io.spork.index.SegmentStoreSupplier;
import io.spork.kafka.RocksDbStoreOptions;
import io.spork.state.CommittedStoreSupplier;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Spork's two index stores opened outside Kafka Streams, for benchmarks: either the stores the
 * topology builds ({@link CommittedStoreSupplier} for the documents, {@link SegmentStoreSupplier}
 * for the postings: reads take no lock, writes wait in a buffer until a commit) or, as until session
 * 6, Kafka Streams' own RocksDB stores ({@code Stores.persistentKeyValueStore(name)}, whose every
 * get and put holds the store's monitor), with String or bytes keys and Spork's
 * {@link RocksDbStoreOptions}, in a task's layout ({@code stateDir/0_0/rocksdb/NAME}), initialised
 * through the public test-utils {@link MockProcessorContext}'s {@link StateStoreContext}. Left out is
 * what needs a running task and a broker: the changelog and the record cache.
 */
final class StandaloneStores implements AutoCloseable {
    private static final TaskId TASK = new TaskId(0, 0);

    private final KeyValueStore<String, byte[]> documents;
    private final KeyValueStore<Bytes, byte[]> postings;

    private StandaloneStores(Path stateDir, boolean topologyStores) {
        StateStoreContext context = context(stateDir);
        this.documents = Stores.keyValueStoreBuilder(topologyStores ? new CommittedStoreSupplier(DocumentStore.NAME)
                        : Stores.persistentKeyValueStore(DocumentStore.NAME), Serdes.String(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        this.postings = Stores.keyValueStoreBuilder(topologyStores ? new SegmentStoreSupplier(PostingStore.NAME)
                        : Stores.persistentKeyValueStore(PostingStore.NAME), Serdes.Bytes(), Serdes.ByteArray())
                .withLoggingDisabled().withCachingDisabled().build();
        documents.init(context, documents);
        postings.init(context, postings);
    }

    /** Opens (or creates) the stores of one partition under the state directory. */
    static StandaloneStores open(Path stateDir) {
        return open(stateDir, false);
    }

    /** @param topologyStores the topology's own stores (true) or Kafka Streams' RocksDB stores (false) */
    static StandaloneStores open(Path stateDir, boolean topologyStores) {
        return new StandaloneStores(stateDir, topologyStores);
    }

    private static StateStoreContext context(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spork-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbStoreOptions.class);
        return new MockProcessorContext<Object, Object>(props, TASK, new File(stateDir.toFile(), TASK.toString())).getStateStoreContext();
    }

    KeyValueStore<String, byte[]> documents() {
        return documents;
    }

    KeyValueStore<Bytes, byte[]> postings() {
        return postings;
    }

    /**
     * Commits the stores as a task's commit does. Kafka Streams 4.3's RocksDB store writes its
     * changelog offsets beside the data and does not flush at a commit, so the latest writes (a
     * merge's deletes too) may still be in the memtables: only {@link #close} makes them all durable.
     */
    void commit() {
        documents.commit(Map.of());
        postings.commit(Map.of());
    }

    @Override
    public void close() {
        try {
            documents.close();
        } finally {
            postings.close();
        }
    }
}
