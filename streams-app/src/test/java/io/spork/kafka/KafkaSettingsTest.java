package io.spork.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.ConfigException;
import io.spork.config.SporkConfig;
import io.spork.config.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KafkaSettingsTest {
    private static final String TRANSACTION_TIMEOUT = StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);

    private static KafkaSettings read(Map<String, String> values) {
        return KafkaSettings.from(TestConfigs.with(values));
    }

    @Test
    void theDocumentedDefaults() {
        KafkaSettings s = KafkaSettings.from(SporkConfig.defaults());
        assertEquals(new KafkaSettings(Map.of(), "spork", "exactly_once_v2", 1, 1, 1000, 10_000, 30_000, 64, "", 9092,
                new KafkaSettings.IndexStage(1000, 1000)), s);
        assertEquals("", s.bootstrapServers());
    }

    @Test
    void withoutBootstrapServersNoClientIsMade() {
        ConfigException e = assertThrows(ConfigException.class, () -> KafkaSettings.from(SporkConfig.defaults()).common());
        assertTrue(e.getMessage().startsWith("kafka.bootstrap.servers is empty"), e.getMessage());
    }

    @Test
    void kafkaKeysGoToEveryClientAndTheStreamsKeysToBothStages() {
        KafkaSettings s = read(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "b:1", "kafka.security.protocol", "SASL_SSL",
                KafkaSettings.PROCESSING_GUARANTEE, "at_least_once", KafkaSettings.NUM_STREAM_THREADS, "2",
                KafkaSettings.MAX_POLL_RECORDS, "16", KafkaSettings.SESSION_TIMEOUT_MS, "6000",
                KafkaSettings.INDEX_MAX_POLL_RECORDS, "500", KafkaSettings.INDEX_COMMIT_INTERVAL_MS, "700"));
        Properties index = s.streams(Path.of("state"), "host:7070", 3, Duration.ofMillis(20));
        assertEquals("b:1", index.get("bootstrap.servers"));
        assertEquals("SASL_SSL", index.get("security.protocol"));
        assertEquals("spork", index.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("at_least_once", index.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("2", index.get(StreamsConfig.NUM_STREAM_THREADS_CONFIG));
        assertEquals("3", index.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertEquals("500", index.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)), "the index stage's own poll size");
        assertEquals("700", index.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG), "the index stage's own commit interval");
        assertEquals("6000", index.get(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG)));
        assertEquals("20", index.get(StreamsConfig.POLL_MS_CONFIG));
        assertEquals("host:7070", index.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
        assertEquals(Path.of("state").toAbsolutePath().toString(), index.get(StreamsConfig.STATE_DIR_CONFIG));
        assertEquals("100", s.streams(Path.of("state"), "h:1", 1, Duration.ofSeconds(5)).get(StreamsConfig.POLL_MS_CONFIG),
                "a poll never blocks longer than 100 ms");

        Properties encode = s.encodeStreams(Path.of("state"), 3, Duration.ofMillis(20));
        assertEquals("spork-encode", encode.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("16", encode.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG)));
        assertEquals("1000", encode.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG), "the encode stage commits at once when its backlog empties, else once a second");
        assertNotEquals(index.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)),
                encode.get(StreamsConfig.mainConsumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG)), "the encode stage keeps small fetches");
        assertNull(encode.get(StreamsConfig.APPLICATION_SERVER_CONFIG));
        assertEquals("SASL_SSL", encode.get("security.protocol"));

        Map<String, Object> producer = s.documentProducer();
        assertEquals("all", producer.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("b:1", producer.get("bootstrap.servers"));
    }

    @Test
    void secretsStayOutOfTheStringForm() {
        KafkaSettings s = read(Map.of("kafka.sasl.jaas.config", "user=\"u\" password=\"hunter2\""));
        assertEquals("user=\"u\" password=\"hunter2\"", s.clients().get("sasl.jaas.config"));
        assertFalse(s.toString().contains("hunter2"), s.toString());
        assertTrue(s.toString().contains("sasl.jaas.config"), s.toString());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(KafkaSettings.PROCESSING_GUARANTEE, "exactly_once", "streams.processing-guarantee must be exactly_once_v2 or at_least_once, got 'exactly_once'"),
                Arguments.of(KafkaSettings.APPLICATION_ID, " ", "application.id must not be empty"),
                Arguments.of(KafkaSettings.NUM_STREAM_THREADS, "0", "streams.num-stream-threads must be >= 1, got 0"),
                Arguments.of(KafkaSettings.NUM_STANDBY_REPLICAS, "-1", "streams.num-standby-replicas must be >= 0, got -1"),
                Arguments.of(KafkaSettings.COMMIT_INTERVAL_MS, "0", "streams.commit-interval-ms must be >= 1, got 0"),
                Arguments.of(KafkaSettings.SESSION_TIMEOUT_MS, "0", "streams.session-timeout-ms must be >= 1, got 0"),
                Arguments.of(KafkaSettings.MAX_POLL_RECORDS, "0", "streams.max-poll-records must be >= 1, got 0"),
                Arguments.of(KafkaSettings.INDEX_MAX_POLL_RECORDS, "0", "streams.index-max-poll-records must be >= 1, got 0"),
                Arguments.of(KafkaSettings.INDEX_COMMIT_INTERVAL_MS, "0", "streams.index-commit-interval-ms must be >= 1, got 0"),
                Arguments.of(KafkaSettings.DEV_KAFKA_PORT, "65536", "dev.kafka-port must be between 0 and 65535, got 65536"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueIsRefusedWithTheKeyAndWhatItNeeds(String key, String value, String message) {
        assertEquals(message, TestConfigs.refusal(KafkaSettings::from, key, value));
    }

    @Test
    void bothStagesOutlastABrokerFailOverBeforeTheirTransactionIsAborted() {
        KafkaSettings s = read(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:9"));
        assertEquals("30000", s.streams(Path.of("state"), "127.0.0.1:1", 1, Duration.ofMillis(20)).get(TRANSACTION_TIMEOUT));
        assertEquals("30000", s.encodeStreams(Path.of("state"), 1, Duration.ofMillis(20)).get(TRANSACTION_TIMEOUT));
    }

    @Test
    void theTransactionTimeoutIsASetting() {
        KafkaSettings s = read(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "127.0.0.1:9", KafkaSettings.TRANSACTION_TIMEOUT_MS, "12000"));
        assertEquals("12000", s.streams(Path.of("state"), "127.0.0.1:1", 1, Duration.ofMillis(20)).get(TRANSACTION_TIMEOUT));
    }
}
