package io.spork.topology;

import io.spork.encoder.EncodeWorker;
import io.spork.encoder.SpladeEncoder;
import io.spork.index.DocumentStore;
import io.spork.index.SegmentStoreSupplier;
import io.spork.topology.LocalIndexes;
import io.spork.index.PostingStore;
import io.spork.lexical.LexicalDocumentStore;
import io.spork.lexical.LexicalPostingStore;
import io.spork.schema.DocumentEventCodec;
import io.spork.schema.VectorRecordSerde;
import io.spork.state.CommittedStoreSupplier;
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
    public static Topology build(EngineSettings settings, SpladeEncoder encoder, LocalIndexes indexes, TopologyObserver observer) {
        return build(settings, EncodeWorker.inline(encoder), indexes, observer);
    }

    /** Both stages in one topology, the model run by the given worker. */
    public static Topology build(EngineSettings settings, EncodeWorker worker, LocalIndexes indexes, TopologyObserver observer) {
        Topology topology = new Topology();
        addEncodeStage(topology, settings, worker, observer);
        addIndexStage(topology, settings, indexes, observer);
        return topology;
    }

    /** documents -> validate -> encode -> vectors (and the dead-letter topic). */
    public static Topology encodeStage(EngineSettings settings, EncodeWorker worker, TopologyObserver observer) {
        Topology topology = new Topology();
        addEncodeStage(topology, settings, worker, observer);
        return topology;
    }

    /** vectors -> index (and the dead-letter topic). */
    public static Topology indexStage(EngineSettings settings, LocalIndexes indexes, TopologyObserver observer) {
        Topology topology = new Topology();
        addIndexStage(topology, settings, indexes, observer);
        return topology;
    }

    private static void addEncodeStage(Topology topology, EngineSettings settings, EncodeWorker worker, TopologyObserver observer) {
        DocumentEventCodec events = new DocumentEventCodec(settings.topics().maxTextBytes());
        EncodeBatching batching = EncodeBatching.from(settings.encoder());
        topology.addSource(DOCUMENTS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.topics().documents());
        topology.addProcessor(VALIDATE, () -> new ValidateProcessor(events, observer), DOCUMENTS_SOURCE);
        topology.addProcessor(ENCODE, () -> new EncodeBatchProcessor(worker, batching, observer), VALIDATE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                new CommittedStoreSupplier(ENCODE_BUFFER_STORE), Serdes.String(), Serdes.ByteArray()), ENCODE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                new CommittedStoreSupplier(CONTENT_HASH_STORE), Serdes.String(), Serdes.String()), ENCODE);
        topology.addSink(VECTORS_SINK, settings.topics().vectors(), new StringSerializer(), VectorRecordSerde.INSTANCE.serializer(), ENCODE);
        topology.addSink(ENCODE_DLQ_SINK, settings.topics().deadLetters(), new ByteArraySerializer(), new ByteArraySerializer(),
                VALIDATE, ENCODE);
    }

    private static void addIndexStage(Topology topology, EngineSettings settings, LocalIndexes indexes, TopologyObserver observer) {
        topology.addSource(VECTORS_SOURCE, new ByteArrayDeserializer(), new ByteArrayDeserializer(), settings.topics().vectors());
        topology.addProcessor(INDEX, () -> new IndexProcessor(indexes, settings.index(), observer), VECTORS_SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                new CommittedStoreSupplier(DocumentStore.NAME), Serdes.String(), Serdes.ByteArray()), INDEX);
        // The posting store: segments in RocksDB inside a custom store that also answers TopKQuery.
        topology.addStateStore(Stores.keyValueStoreBuilder(
                new SegmentStoreSupplier(PostingStore.NAME), Serdes.Bytes(), Serdes.ByteArray()), INDEX);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                new CommittedStoreSupplier(LexicalDocumentStore.NAME), Serdes.String(), Serdes.ByteArray()), INDEX);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                new CommittedStoreSupplier(LexicalPostingStore.NAME), Serdes.Bytes(), Serdes.ByteArray()), INDEX);
        topology.addSink(INDEX_DLQ_SINK, settings.topics().deadLetters(), new ByteArraySerializer(), new ByteArraySerializer(), INDEX);
    }
}
