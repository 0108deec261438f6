package io.spork.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.config.SporkConfig;
import io.spork.config.TestConfigs;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopicSettingsTest {
    private static TopicSettings read(Map<String, String> values) {
        return TopicSettings.from(TestConfigs.with(values));
    }

    @Test
    void theDocumentedDefaults() {
        assertEquals(new TopicSettings("documents", "documents.dlq", "vectors", 4, 1, true, 1_048_576), TopicSettings.from(SporkConfig.defaults()));
    }

    @Test
    void valuesAreRead() {
        TopicSettings s = read(Map.of(TopicSettings.DOCUMENTS, "in", TopicSettings.DLQ, "in.bad", TopicSettings.VECTORS, "v_1",
                TopicSettings.PARTITIONS, "12", TopicSettings.REPLICATION_FACTOR, "3", TopicSettings.CREATE, "false",
                TopicSettings.MAX_TEXT_BYTES, "10"));
        assertEquals(new TopicSettings("in", "in.bad", "v_1", 12, 3, false, 10), s);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(TopicSettings.DOCUMENTS, "my docs", "topics.documents must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), got 'my docs'"),
                Arguments.of(TopicSettings.VECTORS, "", "topics.vectors must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), got ''"),
                Arguments.of(TopicSettings.DLQ, "..", "topics.dlq must be a Kafka topic name (1 to 249 of a-z A-Z 0-9 . _ -), got '..'"),
                Arguments.of(TopicSettings.VECTORS, "documents", "topics.vectors and topics.documents must name different topics, both are 'documents'"),
                Arguments.of(TopicSettings.PARTITIONS, "0", "topics.partitions must be >= 1, got 0"),
                Arguments.of(TopicSettings.REPLICATION_FACTOR, "0", "topics.replication-factor must be >= 1, got 0"),
                Arguments.of(TopicSettings.REPLICATION_FACTOR, "40000", "topics.replication-factor must be at most 32767, got 40000"),
                Arguments.of(TopicSettings.CREATE, "maybe", "topics.create must be true or false, got 'maybe'"),
                Arguments.of(TopicSettings.MAX_TEXT_BYTES, "0", "validation.max-text-bytes must be >= 1, got 0"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueIsRefusedWithTheKeyAndWhatItNeeds(String key, String value, String message) {
        assertEquals(message, TestConfigs.refusal(TopicSettings::from, key, value));
    }
}
