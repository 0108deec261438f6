package io.spork.bench;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.CommitCallback;
import org.apache.kafka.streams.processor.StateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.processor.internals.metrics.StreamsMetricsImpl;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Spork's two index stores opened outside Kafka Streams, for benchmarks: the RocksDB stores that
 * {@code Stores.persistentKeyValueStore(name)} supplies to the topology, with Kafka Streams' default
 * RocksDB settings, in a task's layout ({@code stateDir/0_0/rocksdb/NAME}). What a running task adds
 * around them is left out: the changelog (it needs a task and a broker) and the metered layer
 * (its init needs Kafka Streams' internal processor context). The metered layer's only other work,
 * turning String ids into UTF-8 keys, is done here by {@link Utf8KeyStore}, byte for byte the same.
 */
final class StandaloneStores implements AutoCloseable {
    private final Context context;
    private final KeyValueStore<Bytes, byte[]> documentsInner;
    private final KeyValueStore<String, byte[]> documents;
    private final KeyValueStore<Bytes, byte[]> postings;

    private StandaloneStores(Path stateDir) {
        this.context = new Context(stateDir.toFile());
        this.documentsInner = Stores.persistentKeyValueStore(io.spork.index.DocumentStore.NAME).get();
        this.postings = Stores.persistentKeyValueStore(io.spork.index.PostingStore.NAME).get();
        documentsInner.init(context, documentsInner);
        postings.init(context, postings);
        this.documents = new Utf8KeyStore(documentsInner);
    }

    /** Opens (or creates) the stores of one partition under the state directory. */
    static StandaloneStores open(Path stateDir) {
        return new StandaloneStores(stateDir);
    }

    KeyValueStore<String, byte[]> documents() {
        return documents;
    }

    KeyValueStore<Bytes, byte[]> postings() {
        return postings;
    }

    /** Flushes the memtables to disk, as a task's commit does. */
    void commit() {
        documentsInner.commit(Map.of());
        postings.commit(Map.of());
    }

    @Override
    public void close() {
        try {
            documentsInner.close();
        } finally {
            try {
                postings.close();
            } finally {
                context.kafkaMetrics.close();
            }
        }
    }

    /** The least a RocksDB store needs from its task: a directory, a task id, metrics and configuration. */
    private static final class Context implements StateStoreContext {
        private final File stateDir;
        private final Metrics kafkaMetrics = new Metrics();
        private final StreamsMetricsImpl metrics = new StreamsMetricsImpl(kafkaMetrics, "spork-bench", Time.SYSTEM);
        private final Map<String, Object> configs;

        Context(File stateDir) {
            this.stateDir = new File(stateDir, taskId().toString());
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spork-bench");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            this.configs = new HashMap<>(new StreamsConfig(props).values());
        }

        @Override
        public String applicationId() {
            return "spork-bench";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, 0);
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return Optional.empty();
        }

        @Override
        public Serde<?> keySerde() {
            return Serdes.ByteArray();
        }

        @Override
        public Serde<?> valueSerde() {
            return Serdes.ByteArray();
        }

        @Override
        public File stateDir() {
            return stateDir;
        }

        @Override
        public StreamsMetrics metrics() {
            return metrics;
        }

        @Override
        public void register(StateStore store, StateRestoreCallback restoreCallback) {
            // Nothing to restore: there is no changelog outside a task.
        }

        @Override
        public void register(StateStore store, StateRestoreCallback restoreCallback, CommitCallback commitCallback) {
            // Nothing to restore: there is no changelog outside a task.
        }

        @Override
        public Map<String, Object> appConfigs() {
            return configs;
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            Map<String, Object> result = new HashMap<>();
            configs.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    result.put(k.substring(prefix.length()), v);
                }
            });
            return result;
        }
    }

    /** String keys as UTF-8 bytes over a bytes store, as Serdes.String() writes them. */
    static final class Utf8KeyStore implements KeyValueStore<String, byte[]> {
        private final KeyValueStore<Bytes, byte[]> inner;

        Utf8KeyStore(KeyValueStore<Bytes, byte[]> inner) {
            this.inner = inner;
        }

        private static Bytes key(String key) {
            return Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void put(String key, byte[] value) {
            inner.put(key(key), value);
        }

        @Override
        public byte[] putIfAbsent(String key, byte[] value) {
            return inner.putIfAbsent(key(key), value);
        }

        @Override
        public void putAll(List<KeyValue<String, byte[]>> entries) {
            List<KeyValue<Bytes, byte[]>> raw = new ArrayList<>(entries.size());
            for (KeyValue<String, byte[]> e : entries) {
                raw.add(KeyValue.pair(key(e.key), e.value));
            }
            inner.putAll(raw);
        }

        @Override
        public byte[] delete(String key) {
            return inner.delete(key(key));
        }

        @Override
        public byte[] get(String key) {
            return inner.get(key(key));
        }

        @Override
        public KeyValueIterator<String, byte[]> range(String from, String to) {
            return new Utf8KeyIterator(inner.range(from == null ? null : key(from), to == null ? null : key(to)));
        }

        @Override
        public KeyValueIterator<String, byte[]> all() {
            return new Utf8KeyIterator(inner.all());
        }

        @Override
        public long approximateNumEntries() {
            return inner.approximateNumEntries();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public void init(StateStoreContext context, StateStore root) {
            throw new UnsupportedOperationException("the inner store is initialised by StandaloneStores");
        }

        @Override
        public void commit(Map<org.apache.kafka.common.TopicPartition, Long> offsets) {
            inner.commit(offsets);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public boolean persistent() {
            return inner.persistent();
        }

        @Override
        public boolean isOpen() {
            return inner.isOpen();
        }
    }

    private static final class Utf8KeyIterator implements KeyValueIterator<String, byte[]> {
        private final KeyValueIterator<Bytes, byte[]> inner;

        Utf8KeyIterator(KeyValueIterator<Bytes, byte[]> inner) {
            this.inner = inner;
        }

        @Override
        public boolean hasNext() {
            return inner.hasNext();
        }

        @Override
        public KeyValue<String, byte[]> next() {
            KeyValue<Bytes, byte[]> kv = inner.next();
            return KeyValue.pair(new String(kv.key.get(), StandardCharsets.UTF_8), kv.value);
        }

        @Override
        public String peekNextKey() {
            return new String(inner.peekNextKey().get(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
