package io.spork.topology;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncodeWorker;
import io.spork.encoder.SpladeEncoder;
import io.spork.index.DocumentStore;
import io.spork.index.IndexSettings;
import io.spork.index.SegmentStoreSupplier;
import io.spork.index.LocalIndexes;
import io.spork.index.PostingStore;
import io.spork.lexical.LexicalDocumentStore;
import io.spork.lexical.LexicalPostingStore;
import io.spork.schema.DocumentEventParser;
import io.spork.schema.JsonSerde;
import io.spork.schema.VectorRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * Spork's topology:
 * <pre>
 * documents --validate--> encode (batched, buffer + content hashes) --> vectors (compacted)
 *     \--> documents.dlq (bad events, with the reason)
 * vectors --index--> documents store + segment store (RocksDB segments + their searchable form, IQv2 TopKQuery)
 *                 \-> lexical documents + lexical postings (RocksDB) + in-memory BM25 index
 * </pre>
 * Keeping the vectors topic between encoding and indexing means re-indexing never re-encodes and
 * other consumers can read the vectors. In an instance the two stages run as two Kafka Streams
 * applications ({@link SporkStreams}), each exactly-once, so the stream thread of the index stage
 * never waits behind the model; tests may run both in one topology.
 */
public final class SporkTopology {
    static final String DOCUMENTS_SOURCE = "documents-source";
    static final String VALIDATE = "validate";
    static final String ENCODE = "encode";
    static final String VECTORS_SINK = "vectors-sink";
    static final String VECTORS_SOURCE = "vectors-source";
    static final String INDEX = "index";
    static final String ENCODE_DLQ_SINK = "encode-dlq-sink";
    static final String INDEX_DLQ_SINK = "index-dlq-sink";
    public static final String ENCODE_BUFFER_STORE = "spork-encode-buffer";
    public static final String CONTENT_HASH_STORE = "spork-content-hashes";

    private SporkTopology() {
    }

    /**
     * Both stages in one topology, with the model run inline on the stream thread: deterministic,
     * for TopologyTestDriver.
     */
    public static Topology build(SporkConfig config, SpladeEncoder encoder, LocalIndexes indexes, TopologyObserver observer) {
        return build(config, EncodeWorker.inline(encoder), indexes, observer);
    }

    /** Both stages in one topology, the model run by the given worker. */
    public static Topology build(SporkConfig config, EncodeWorker worker, LocalIndexes indexes, TopologyObserver observer) {
        Topology topology = new Topology();
        addEncodeStage(topology, config, worker, observer);
        addIndexStage(topology, config, indexes, observer);
        return topology;
    }

    /** documents -> validate -> encode -> vectors (and the dead-letter topic). */
    public static Topology encodeStage(SporkConfig config, EncodeWorker worker, TopologyObserver observer) {
        Topology topology = new Topology();
        addEncodeStage(topology, config, worker, observer);
        return topology;
    }

    /** vectors -> index (and the dead-letter topic). */
    public static Topology indexStage(SporkConfig config, LocalIndexes indexes, TopologyObserver observer) {
        Topology topology = new Topology();
        addIndexStage(topology, config, indexes, observer);
        return topology;
    }

    private static void addEncodeStage(Topology topology, SporkConfig config, EncodeWorker worker, TopologyObserver observer) {
        DocumentEventParser parser = new DocumentEventParser(config.getLong(ConfigKeys.VALIDATION_MAX_TEXT_BYTES));
        EncodeBatching batching = EncodeBatching.from(config);
        topology.addSource(DOCUMENTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.get(ConfigKeys.TOPICS_DOCUMENTS));
        topology.addProcessor(VALIDATE, () -> new ValidateProcessor(parser, observer), DOCUMENTS_SOURCE);
        topology.addProcessor(ENCODE, () -> new EncodeBatchProcessor(worker, batching, observer), VALIDATE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ENCODE_BUFFER_STORE), Serdes.String(), Serdes.ByteArray()), ENCODE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CONTENT_HASH_STORE), Serdes.String(), Serdes.String()), ENCODE);
        topology.addSink(VECTORS_SINK, config.get(ConfigKeys.TOPICS_VECTORS), new StringSerializer(),
                new JsonSerde<>(VectorRecord.class).serializer(), ENCODE);
        topology.addSink(ENCODE_DLQ_SINK, config.get(ConfigKeys.TOPICS_DLQ), new ByteArraySerializer(), new ByteArraySerializer(),
                VALIDATE, ENCODE);
    }

    private static void addIndexStage(Topology topology, SporkConfig config, LocalIndexes indexes, TopologyObserver observer) {
        topology.addSource(VECTORS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), config.get(ConfigKeys.TOPICS_VECTORS));
        IndexSettings indexSettings = IndexSettings.from(config);
        topology.addProcessor(INDEX, () -> new IndexProcessor(indexes, indexSettings, observer), VECTORS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(DocumentStore.NAME), Serdes.String(), Serdes.ByteArray()), INDEX);
        // The posting store: segments in RocksDB inside a custom store that also answers TopKQuery.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                new SegmentStoreSupplier(PostingStore.NAME), Serdes.Bytes(), Serdes.ByteArray()), INDEX);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LexicalDocumentStore.NAME), Serdes.String(), Serdes.ByteArray()), INDEX);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LexicalPostingStore.NAME), Serdes.Bytes(), Serdes.ByteArray()), INDEX);
        topology.addSink(INDEX_DLQ_SINK, config.get(ConfigKeys.TOPICS_DLQ), new ByteArraySerializer(), new ByteArraySerializer(), INDEX);
    }
}
