package io.spork.topology;

import io.spork.encoder.EncodeWorker;
import io.spork.encoder.SpladeEncoder;
import io.spork.index.DocumentStore;
import io.spork.index.LocalIndexes;
import io.spork.index.PostingStore;
import io.spork.index.ScoredDocument;
import io.spork.index.SearchResult;
import io.spork.index.TopKQuery;
import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import io.spork.schema.VectorRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Kafka Streams application of one Spork instance: the topology, its local indexes,
 * and interactive queries on its stores.
 */
public final class SporkStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SporkStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** The model thread runs the batches queued together up to this many batches' token budgets. */
    private static final int POOLED_BATCHES = 4;

    /** The index stage, whose stores the API queries. */
    private final KafkaStreams streams;
    /** The encode stage: its own application, so waiting for the model never stalls indexing. */
    private final KafkaStreams encodeStreams;
    private final LocalIndexes indexes;
    private final EngineSettings settings;
    private final String vectorsTopic;
    private final HostInfo self;
    private final EncodeWorker worker;

    private SporkStreams(EngineSettings settings, KafkaStreams streams, KafkaStreams encodeStreams, LocalIndexes indexes, HostInfo self,
                         EncodeWorker worker) {
        this.settings = settings;
        this.vectorsTopic = settings.topics().vectors();
        this.streams = streams;
        this.encodeStreams = encodeStreams;
        this.worker = worker;
        this.indexes = indexes;
        this.self = self;
    }

    /**
     * @param applicationServer host:port under which the other instances reach this one's API
     */
    public static SporkStreams start(EngineSettings settings, SpladeEncoder encoder, Path stateDir, String applicationServer,
                                     TopologyObserver observer) {
        LocalIndexes indexes = new LocalIndexes();
        EncodeWorker worker = EncodeWorker.started(encoder, POOLED_BATCHES * settings.encoder().batchTokens());
        int replication = settings.topics().replicationFactor();
        KafkaStreams streams = new KafkaStreams(SporkTopology.indexStage(settings, indexes, observer),
                settings.kafka().streams(stateDir, applicationServer, replication, settings.encodeMaxWait()));
        KafkaStreams encodeStreams = new KafkaStreams(SporkTopology.encodeStage(settings, worker, observer),
                settings.kafka().encodeStreams(stateDir, replication, settings.encodeMaxWait()));
        for (KafkaStreams app : List.of(streams, encodeStreams)) {
            app.setUncaughtExceptionHandler(e -> {
                LOG.error("stream thread failed; replacing it", e);
                return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            app.setGlobalStateRestoreListener(new RestoreLog());
        }
        streams.start();
        encodeStreams.start();
        return new SporkStreams(settings, streams, encodeStreams, indexes, HostInfo.buildFromEndpoint(applicationServer), worker);
    }

    /** The settings this instance started with. */
    public EngineSettings settings() {
        return settings;
    }

    public LocalIndexes indexes() {
        return indexes;
    }

    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** The encode stage's state while it is not running, else the index stage's. */
    public KafkaStreams.State state() {
        KafkaStreams.State encoding = encodeStreams.state();
        return encoding == KafkaStreams.State.RUNNING ? streams.state() : encoding;
    }

    /** Both stages running, with every assigned partition's index restored and searchable. */
    public boolean isReady() {
        if (streams.state() != KafkaStreams.State.RUNNING || encodeStreams.state() != KafkaStreams.State.RUNNING) {
            return false;
        }
        long active = streams.metadataForLocalThreads().stream()
                .flatMap(t -> t.activeTasks().stream())
                .flatMap(task -> task.topicPartitions().stream())
                .filter(tp -> tp.topic().equals(vectorsTopic))
                .count();
        return indexes.partitions().size() >= active;
    }

    /**
     * Exact top-k over the partitions this instance serves as active, through an interactive query
     * ({@link TopKQuery}, IQv2) that each partition's segment store scores; merged best first.
     */
    public SearchResult search(SparseVector query, int k) {
        return search(query, k, null);
    }

    /** @param only the partitions to answer for (null: every one this instance serves as active) */
    public SearchResult search(SparseVector query, int k, Set<Integer> only) {
        Set<Integer> local = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(t -> t.activeTasks().forEach(task -> task.topicPartitions().forEach(tp -> {
            if (tp.topic().equals(vectorsTopic)) {
                local.add(tp.partition());
            }
        })));
        if (only != null) {
            local.retainAll(only);
        }
        if (local.isEmpty()) {
            return new SearchResult(List.of(), List.of());
        }
        StateQueryResult<List<ScoredDocument>> answer;
        try {
            answer = streams.query(StateQueryRequest.inStore(PostingStore.NAME).withQuery(new TopKQuery(query, k))
                    .withPartitions(local).requireActive());
        } catch (InvalidStateStoreException e) {
            return new SearchResult(List.of(), List.of());
        }
        List<ScoredDocument> merged = new ArrayList<>();
        List<Integer> answered = new ArrayList<>();
        answer.getPartitionResults().forEach((partition, result) -> {
            if (result.isSuccess()) {
                merged.addAll(result.getResult());
                answered.add(partition);
            }
        });
        merged.sort(ScoredDocument.BEST_FIRST);
        answered.sort(null);
        return new SearchResult(merged.size() > k ? merged.subList(0, k) : merged, answered);
    }

    /** A stored document of a partition served here, if any. */
    public Optional<VectorRecord> localDocument(String id) {
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                    StoreQueryParameters.fromNameAndType(DocumentStore.NAME, QueryableStoreTypes.<String, byte[]>keyValueStore()));
            byte[] bytes = store.get(id);
            return bytes == null ? Optional.empty() : Optional.of(DocumentStore.decode(bytes));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** Title and text of a stored document of a partition served here, without parsing its vector. */
    public Optional<DocumentStore.Summary> localSummary(String id) {
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                    StoreQueryParameters.fromNameAndType(DocumentStore.NAME, QueryableStoreTypes.<String, byte[]>keyValueStore()));
            return Optional.ofNullable(DocumentStore.summaryOf(id, store.get(id)));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }

    /** This instance's address as the other instances know it (application.server). */
    public HostInfo self() {
        return self;
    }

    /** The instance whose active task holds a document, if the assignment is known. */
    public Optional<HostInfo> ownerOf(String id) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(DocumentStore.NAME, id, Serdes.String().serializer());
        return metadata == null || metadata.activeHost() == null || metadata.activeHost().port() < 0
                ? Optional.empty() : Optional.of(metadata.activeHost());
    }

    /** The partition (of the vectors topic, and of the index) a document belongs to; -1 while unknown. */
    public int partitionOf(String id) {
        KeyQueryMetadata metadata = streams.queryMetadataForKey(DocumentStore.NAME, id, Serdes.String().serializer());
        return metadata == null ? -1 : metadata.partition();
    }

    /** The vectors partitions the group's current assignment gives this instance's active tasks. */
    public Set<Integer> activePartitions() {
        Set<Integer> partitions = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> task.topicPartitions().stream()
                .filter(tp -> tp.topic().equals(vectorsTopic))
                .forEach(tp -> partitions.add(tp.partition()))));
        return partitions;
    }

    /** Whether a partition's index is restored and served by this instance now. */
    public boolean serves(int partition) {
        return indexes.partitions().contains(partition);
    }

    /** The other instances and the vectors partitions each serves as active, from the group's metadata. */
    public Map<HostInfo, Set<Integer>> peers() {
        Map<HostInfo, Set<Integer>> peers = new HashMap<>();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(PostingStore.NAME)) {
            if (instance.hostInfo().equals(self)) {
                continue;
            }
            Set<Integer> partitions = new TreeSet<>();
            for (TopicPartition tp : instance.topicPartitions()) {
                if (tp.topic().equals(vectorsTopic)) {
                    partitions.add(tp.partition());
                }
            }
            peers.put(instance.hostInfo(), partitions);
        }
        return peers;
    }

    public String vectorsTopic() {
        return vectorsTopic;
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Stops the stream threads, leaving the group at once so the partitions move now instead of
     * after the session timeout.
     *
     * @return false when a stream thread had not finished within the timeout: it may still be
     *         using the encoder, which must then stay open
     */
    public boolean stop() {
        CloseOptions leave = CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        // The encode stage first: nothing new reaches the vectors topic while the index stage stops.
        boolean encodeStopped = encodeStreams.close(leave);
        boolean indexStopped = streams.close(leave);
        if (!encodeStopped || !indexStopped) {
            LOG.warn("Kafka Streams did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
        }
        if (encodeStopped) {
            worker.close();
        }
        return encodeStopped && indexStopped;
    }
}
