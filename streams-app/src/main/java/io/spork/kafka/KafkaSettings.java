package io.spork.kafka;

import io.spork.config.ConfigException;
import io.spork.config.SettingKeys;
import io.spork.config.SporkConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How Spork talks to Kafka (config/spork.properties, "Kafka", "Kafka Streams" and the embedded
 * broker), and the properties of each client built from it; the kafka.* keys go to every client.
 *
 * @param clients      the kafka.* settings without their prefix, empty ones left out
 * @param stateDir     where the state stores live; empty: the launcher's default
 * @param devKafkaPort port of `./spork dev`'s embedded broker; 0 = a free one
 * @param transactionTimeoutMs how long a stage's exactly-once transaction may stay open before the
 *                     broker aborts it: longer than a broker fail-over (see config/spork.properties)
 */
public record KafkaSettings(Map<String, String> clients, String applicationId, String processingGuarantee, int streamThreads,
                            int standbyReplicas, long commitIntervalMs, long sessionTimeoutMs, long transactionTimeoutMs, int maxPollRecords, String stateDir,
                            int devKafkaPort) {
    public static final String CLIENT_PREFIX = "kafka.";
    public static final String BOOTSTRAP_SERVERS = CLIENT_PREFIX + "bootstrap.servers";
    public static final String APPLICATION_ID = "application.id";
    public static final String DEV_KAFKA_PORT = "dev.kafka-port";
    public static final String PROCESSING_GUARANTEE = "streams.processing-guarantee";
    public static final String NUM_STREAM_THREADS = "streams.num-stream-threads";
    public static final String NUM_STANDBY_REPLICAS = "streams.num-standby-replicas";
    public static final String COMMIT_INTERVAL_MS = "streams.commit-interval-ms";
    public static final String SESSION_TIMEOUT_MS = "streams.session-timeout-ms";
    public static final String TRANSACTION_TIMEOUT_MS = "streams.transaction-timeout-ms";
    public static final String MAX_POLL_RECORDS = "streams.max-poll-records";
    public static final String STATE_DIR = "state.dir";
    public static final SettingKeys KEYS = SettingKeys.of("KafkaSettings", BOOTSTRAP_SERVERS, APPLICATION_ID, DEV_KAFKA_PORT,
            PROCESSING_GUARANTEE, NUM_STREAM_THREADS, NUM_STANDBY_REPLICAS, COMMIT_INTERVAL_MS, SESSION_TIMEOUT_MS, TRANSACTION_TIMEOUT_MS, MAX_POLL_RECORDS,
            STATE_DIR).withPrefix(CLIENT_PREFIX);

    public static final String ENCODE_APPLICATION_SUFFIX = "-encode";
    /** Bytes per partition and fetch of the main consumer (a larger record still comes whole). */
    private static final int FETCH_BYTES_PER_PARTITION = 64 * 1024;

    public KafkaSettings {
        clients = Map.copyOf(clients);
    }

    public static KafkaSettings from(SporkConfig config) {
        String guarantee = config.get(PROCESSING_GUARANTEE);
        if (!guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) && !guarantee.equals(StreamsConfig.AT_LEAST_ONCE)) {
            throw new ConfigException(PROCESSING_GUARANTEE + " must be " + StreamsConfig.EXACTLY_ONCE_V2 + " or "
                    + StreamsConfig.AT_LEAST_ONCE + ", got '" + guarantee + "'");
        }
        return new KafkaSettings(config.withPrefix(CLIENT_PREFIX), config.nonBlank(APPLICATION_ID), guarantee,
                config.intAtLeast(NUM_STREAM_THREADS, 1), config.intAtLeast(NUM_STANDBY_REPLICAS, 0),
                config.longAtLeast(COMMIT_INTERVAL_MS, 1), config.longAtLeast(SESSION_TIMEOUT_MS, 1), config.longAtLeast(TRANSACTION_TIMEOUT_MS, 1),
                config.intAtLeast(MAX_POLL_RECORDS, 1), config.get(STATE_DIR), config.port(DEV_KAFKA_PORT));
    }

    public String bootstrapServers() {
        return clients.getOrDefault("bootstrap.servers", "");
    }

    /** Settings common to every client: bootstrap servers, TLS, SASL, ... */
    public Properties common() {
        if (bootstrapServers().isBlank()) {
            throw new ConfigException(BOOTSTRAP_SERVERS + " is empty: set it in the configuration file or SPORK_KAFKA_BOOTSTRAP_SERVERS"
                    + " (or use `./spork dev`, which starts an embedded broker)");
        }
        Properties props = new Properties();
        props.putAll(clients);
        return props;
    }

    /**
     * The index stage's application.
     *
     * @param applicationServer host:port of this instance's HTTP API, published to the other
     *                          instances for interactive queries
     * @param replicationFactor of the internal topics (changelogs), as of Spork's own topics
     * @param encodeMaxWait     how long an encode batch may wait: no poll blocks longer
     */
    public Properties streams(Path stateDirectory, String applicationServer, int replicationFactor, Duration encodeMaxWait) {
        Properties props = common();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(streamThreads));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(standbyReplicas));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitIntervalMs));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), Long.toString(sessionTimeoutMs));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), Long.toString(transactionTimeoutMs));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(replicationFactor));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toAbsolutePath().toString());
        props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbStoreOptions.class);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        // Small fetches and polls: a poll of the encode stage holds about two batches, so the
        // records of every partition move along (a 1 MB fetch of queued documents is minutes of
        // encoding), and the index stage gets vectors as soon as they commit.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), Integer.toString(maxPollRecords));
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                Integer.toString(FETCH_BYTES_PER_PARTITION));
        // Opt in now to what Kafka 5.0 makes the default, and keep the start-up log quiet.
        props.put("processing.exception.handler.global.enabled", "true");
        // The encode buffer is flushed by a wall-clock punctuation: do not block in poll longer than it waits.
        props.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(Math.min(100, encodeMaxWait.toMillis())));
        return props;
    }

    /**
     * The encode stage's application: its own application id (the configured one + "-encode") and
     * consumer group, beside the index stage's, so that waiting for the model never stalls indexing.
     * It serves no interactive queries.
     */
    public Properties encodeStreams(Path stateDirectory, int replicationFactor, Duration encodeMaxWait) {
        Properties props = streams(stateDirectory, "unused:0", replicationFactor, encodeMaxWait);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId + ENCODE_APPLICATION_SUFFIX);
        props.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return props;
    }

    /** The producer of document events: the broker's acknowledgement from all in-sync replicas. */
    public Map<String, Object> documentProducer() {
        Properties props = common();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> map = (Map) props;
        return map;
    }

    /** The client settings may hold passwords: only their names are shown. */
    @Override
    public String toString() {
        return "KafkaSettings[clients=" + new java.util.TreeSet<>(clients.keySet()) + ", applicationId=" + applicationId
                + ", processingGuarantee=" + processingGuarantee + ", streamThreads=" + streamThreads + ", standbyReplicas=" + standbyReplicas
                + ", commitIntervalMs=" + commitIntervalMs + ", sessionTimeoutMs=" + sessionTimeoutMs
                + ", transactionTimeoutMs=" + transactionTimeoutMs + ", maxPollRecords=" + maxPollRecords
                + ", stateDir=" + stateDir + ", devKafkaPort=" + devKafkaPort + "]";
    }
}
