package io.spork.topology;

import io.spork.config.SettingKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.index.IndexSettings;
import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import java.time.Duration;
import java.util.List;

/**
 * Everything the streams application reads from the configuration, each area read once into its
 * record (and checked there) when an instance starts; its components take their record.
 */
public record EngineSettings(KafkaSettings kafka, TopicSettings topics, EncoderSettings encoder, IndexSettings index) {
    /** The keys of every area of this module, for the check against config/spork.properties. */
    public static final List<SettingKeys> KEYS = List.of(KafkaSettings.KEYS, TopicSettings.KEYS, EncoderSettings.KEYS, IndexSettings.KEYS);

    public static EngineSettings from(SporkConfig config) {
        return new EngineSettings(KafkaSettings.from(config), TopicSettings.from(config), EncoderSettings.from(config),
                IndexSettings.from(config));
    }

    Duration encodeMaxWait() {
        return Duration.ofMillis(encoder.maxWaitMs());
    }
}
