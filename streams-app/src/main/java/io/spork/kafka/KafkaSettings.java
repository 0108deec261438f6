package io.spork.kafka;

import io.spork.config.ConfigException;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;

/** Builds the properties of each Kafka client from Spork's configuration, kafka.* passed to all. */
public final class KafkaSettings {
    /** Records per poll of the main consumer, in encoder batches. */
    private static final int POLL_BATCHES = 2;
    /** Bytes per partition and fetch of the main consumer (a larger record still comes whole). */
    private static final int FETCH_BYTES_PER_PARTITION = 64 * 1024;
    public static final String ENCODE_APPLICATION_SUFFIX = "-encode";

    private KafkaSettings() {
    }

    /** Settings common to every client: bootstrap servers, TLS, SASL, ... */
    public static Properties common(SporkConfig config) {
        if (config.bootstrapServers().isBlank()) {
            throw new ConfigException(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS + " is empty: set it in the configuration file or SPORK_KAFKA_BOOTSTRAP_SERVERS"
                    + " (or use `./spork dev`, which starts an embedded broker)");
        }
        Properties props = new Properties();
        props.putAll(config.kafkaClientSettings());
        return props;
    }

    /**
     * @param applicationServer host:port of this instance's HTTP API, published to the other
     *                          instances for interactive queries
     */
    public static Properties streams(SporkConfig config, Path stateDir, String applicationServer) {
        Properties props = common(config);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(ConfigKeys.APPLICATION_ID));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.get(ConfigKeys.STREAMS_PROCESSING_GUARANTEE));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.get(ConfigKeys.STREAMS_NUM_STREAM_THREADS));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.get(ConfigKeys.STREAMS_NUM_STANDBY_REPLICAS));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.get(ConfigKeys.STREAMS_COMMIT_INTERVAL_MS));
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), config.get(ConfigKeys.STREAMS_SESSION_TIMEOUT_MS));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), config.get(ConfigKeys.STREAMS_TRANSACTION_TIMEOUT_MS));
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.get(ConfigKeys.TOPICS_REPLICATION_FACTOR));
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
        // Small fetches and polls: a poll of the encode stage holds about two batches, so the
        // records of every partition move along (a 1 MB fetch of queued documents is minutes of
        // encoding), and the index stage gets vectors as soon as they commit.
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG),
                Integer.toString(POLL_BATCHES * config.getInt(ConfigKeys.ENCODER_MAX_BATCH_SIZE)));
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                Integer.toString(FETCH_BYTES_PER_PARTITION));
        // Opt in now to what Kafka 5.0 makes the default, and keep the start-up log quiet.
        props.put("processing.exception.handler.global.enabled", "true");
        // The encode buffer is flushed by a wall-clock punctuation: do not block in poll longer than it waits.
        props.put(StreamsConfig.POLL_MS_CONFIG, Long.toString(Math.min(100, config.getLong(ConfigKeys.ENCODER_MAX_WAIT_MS))));
        return props;
    }

    /**
     * The encode stage's application: its own application id (the configured one + "-encode") and
     * consumer group, beside the index stage's, so that waiting for the model never stalls indexing.
     * It serves no interactive queries.
     */
    public static Properties encodeStreams(SporkConfig config, Path stateDir) {
        Properties props = streams(config, stateDir, "unused:0");
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.get(ConfigKeys.APPLICATION_ID) + ENCODE_APPLICATION_SUFFIX);
        props.remove(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return props;
    }

    /** The producer of POST/DELETE /documents: the broker's acknowledgement from all in-sync replicas. */
    public static Map<String, Object> documentProducer(SporkConfig config) {
        Properties props = common(config);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> map = (Map) props;
        return map;
    }
}
