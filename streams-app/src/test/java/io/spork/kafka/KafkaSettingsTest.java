package io.spork.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {
    private static final String TRANSACTION_TIMEOUT = StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG);

    private static SporkConfig config() {
        return SporkConfig.defaults().with(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:9");
    }

    @Test
    void bothStagesOutlastABrokerFailOverBeforeTheirTransactionIsAborted() {
        Properties index = KafkaSettings.streams(config(), Path.of("state"), "127.0.0.1:1");
        Properties encode = KafkaSettings.encodeStreams(config(), Path.of("state"));
        assertEquals("30000", index.get(TRANSACTION_TIMEOUT));
        assertEquals("30000", encode.get(TRANSACTION_TIMEOUT));
    }

    @Test
    void theTransactionTimeoutIsASetting() {
        SporkConfig shorter = config().with(ConfigKeys.STREAMS_TRANSACTION_TIMEOUT_MS, "12000");
        assertEquals("12000", KafkaSettings.streams(shorter, Path.of("state"), "127.0.0.1:1").get(TRANSACTION_TIMEOUT));
    }

    @Test
    void documentWritesWaitForEveryInSyncReplica() {
        assertEquals("all", KafkaSettings.documentProducer(config()).get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", KafkaSettings.documentProducer(config()).get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
    }
}
