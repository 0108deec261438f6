package io.spork.topology;

import io.spork.cluster.ClusterMetadata;
import io.spork.cluster.InstanceAddress;
import io.spork.cluster.LocalStores;
import io.spork.encoder.EncodeWorker;
import io.spork.encoder.SpladeEncoder;
import io.spork.state.CommitObservingClients;
import io.spork.state.TransactionCommits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running Kafka Streams applications of one Spork instance: their lifecycle and readiness.
 * What the search path reads of them goes through {@link #metadata()} (the group) and
 * {@link #stores()} (this instance's stores), so it needs no Kafka type.
 */
public final class SporkStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SporkStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The model thread runs the batches queued together (of every partition) up to this many model
     * runs' padded tokens, their windows sorted by length across them: the larger the pool, the less
     * a run pads; the pool's batches all finish when its last run does.
     */
    private static final int POOLED_RUNS = 4;

    /** The index stage, whose stores the API queries. */
    private final KafkaStreams streams;
    /** The encode stage: its own application, so waiting for the model never stalls indexing. */
    private final KafkaStreams encodeStreams;
    private final LocalIndexes indexes;
    private final EngineSettings settings;
    private final EncodeWorker worker;
    private final StreamsMetadataService metadata;
    private final InteractiveQueries stores;
    /** Whether readiness was logged already: the first time is a start-up step. */
    private final AtomicBoolean readySeen = new AtomicBoolean();

    private SporkStreams(EngineSettings settings, KafkaStreams streams, KafkaStreams encodeStreams, LocalIndexes indexes,
                         StreamsMetadataService metadata, EncodeWorker worker) {
        this.settings = settings;
        this.streams = streams;
        this.encodeStreams = encodeStreams;
        this.worker = worker;
        this.indexes = indexes;
        this.metadata = metadata;
        this.stores = new InteractiveQueries(streams, indexes, metadata::activePartitions);
    }

    /**
     * @param encoder           the model, waited for only once the index stage has started
     * @param applicationServer host:port under which the other instances reach this one's API
     * @param partitionCount     the vectors topic's partition count, from the cluster's topic metadata
     */
    public static SporkStreams start(EngineSettings settings, Supplier<SpladeEncoder> encoder, Path stateDir, String applicationServer,
                                     TopologyObserver observer, IntSupplier partitionCount) {
        LocalIndexes indexes = new LocalIndexes();
        int replication = settings.topics().replicationFactor();
        // The index stage first: it needs no model, so its group join and segment loads overlap the model's load.
        KafkaStreams streams = committing(SporkTopology.indexStage(settings, indexes, observer),
                settings.kafka().streams(stateDir, applicationServer, replication, settings.encodeMaxWait()), applicationServer);
        StartupLog.reached("index stage built");
        watch(streams, "index stage");
        streams.start();
        EncodeWorker worker;
        KafkaStreams encodeStreams;
        try {
            SpladeEncoder model = encoder.get();
            worker = EncodeWorker.started(model, POOLED_RUNS * settings.encoder().runTokens(), settings.encoder().modelThreadsOn(model.device()));
            StartupLog.reached("encode worker started");
            encodeStreams = committing(SporkTopology.encodeStage(settings, worker, observer),
                    settings.kafka().encodeStreams(stateDir, replication, settings.encodeMaxWait()), applicationServer);
            StartupLog.reached("encode stage built");
        } catch (RuntimeException e) {
            streams.close(CloseOptions.timeout(CLOSE_TIMEOUT));
            throw e;
        }
        watch(encodeStreams, "encode stage");
        encodeStreams.start();
        StreamsMetadataService metadata = new StreamsMetadataService(streams, indexes, settings.topics().vectors(),
                InstanceAddress.parse(applicationServer), partitionCount);
        return new SporkStreams(settings, streams, encodeStreams, indexes, metadata, worker);
    }

    /** Replaces a failed stream thread, logs restores and the start-up's state changes. */
    private static void watch(KafkaStreams app, String stage) {
        app.setStateListener((now, before) -> StartupLog.reached(stage + " " + now));
        app.setUncaughtExceptionHandler(e -> {
            LOG.error("stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        app.setGlobalStateRestoreListener(new RestoreLog());
    }

    /**
     * An application whose stores make their writes durable with their changelog offsets when
     * its transactions commit, so a crash replays only the uncommitted tail ({@link TransactionCommits}).
     */
    private static KafkaStreams committing(org.apache.kafka.streams.Topology topology, java.util.Properties props, String applicationServer) {
        // Static membership, named after the address peers know this instance by: an instance
        // restarted after a crash takes its place in the group at once (same partitions, no
        // rebalance) instead of waiting out the dead member's session timeout.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), groupInstanceId(applicationServer));
        TransactionCommits commits = new TransactionCommits();
        props.put(TransactionCommits.CONFIG, commits);
        return new KafkaStreams(topology, props, new CommitObservingClients(commits));
    }

    /** A group.instance.id (letters, digits, '.', '_', '-') from host:port. */
    static String groupInstanceId(String applicationServer) {
        return "spork-" + applicationServer.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The settings this instance started with. */
    public EngineSettings settings() {
        return settings;
    }

    public LocalIndexes indexes() {
        return indexes;
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
        boolean ready = indexes.partitions().size() >= metadata.activePartitions().size();
        if (ready && !readySeen.getAndSet(true)) {
            StartupLog.reached("ready");
        }
        return ready;
    }

    /** The group's metadata: peers, owners of documents, partitions served here. */
    public ClusterMetadata metadata() {
        return metadata;
    }

    /** This instance's stores, read through interactive queries. */
    public LocalStores stores() {
        return stores;
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
