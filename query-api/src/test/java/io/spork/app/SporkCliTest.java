package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.ConfigException;
import io.spork.config.SporkConfig;
import io.spork.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;

/** The dev stack's Kafka port: its documented default, the flag, and what the start-up banner says. */
class SporkCliTest {
    @Test
    void devKafkaPortDefaultsToTheDocumentedOneAndTheFlagOverridesIt() {
        assertEquals(9092, SporkCli.config(CommandLine.parse(new String[] {"dev"})).getInt(KafkaSettings.DEV_KAFKA_PORT));
        assertEquals(19092, SporkCli.config(CommandLine.parse(new String[] {"dev", "--kafka-port", "19092"})).getInt(KafkaSettings.DEV_KAFKA_PORT));
        assertThrows(ConfigException.class, () -> SporkCli.config(CommandLine.parse(new String[] {"dev", "--kafka-port", "70000"})));
    }

    @Test
    void bannerNamesTheBootstrapServerTopicsAndSchema() {
        String banner = SporkCli.kafkaBanner("127.0.0.1:9092", SporkConfig.defaults());
        assertTrue(banner.contains("Kafka bootstrap server: 127.0.0.1:9092"), banner);
        assertTrue(banner.contains("topic 'documents'") && banner.contains("topic 'documents.dlq'") && banner.contains("topic 'vectors'"), banner);
        assertTrue(banner.contains("document-event.schema.json"), banner);
    }
}
