package io.spork.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.DocumentedSettings;
import io.spork.config.SettingKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.index.IndexSettings;
import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * config/spork.properties against the records of the streams application. Another module's test
 * joins the same check with {@link #engineAreas()} plus its own areas.
 */
public class EngineSettingsTest {
    /** The sections of config/spork.properties this module reads; http. and search. are the API's. */
    public static final List<String> STREAMS_APP_PREFIXES = List.of("kafka.", "application.", "topics.", "dev.", "streams.", "state.",
            "encoder.", "validation.", "index.");

    /** The check, given this module's areas. */
    public static DocumentedSettings engineAreas() {
        return new DocumentedSettings()
                .area(KafkaSettings.KEYS, KafkaSettings::from)
                .area(TopicSettings.KEYS, TopicSettings::from)
                .area(EncoderSettings.KEYS, EncoderSettings::from)
                .area(IndexSettings.KEYS, IndexSettings::from);
    }

    @Test
    void everyKeyARecordReadsIsDocumentedWithAnAcceptedDefaultAndEveryDocumentedKeyIsRead() {
        List<String> problems = engineAreas().everyDocumentedKeyRead(STREAMS_APP_PREFIXES).problems();
        assertEquals(List.of(), problems);
        assertEquals(List.of(KafkaSettings.KEYS, TopicSettings.KEYS, EncoderSettings.KEYS, IndexSettings.KEYS), EngineSettings.KEYS);
    }

    @Test
    void theCheckFindsAnUndocumentedKeyAKeyNoRecordReadsAndARefusedDefault() {
        SettingKeys stale = SettingKeys.of("Stale", "encoder.model-dir", "encoder.no-such-key");
        List<String> problems = new DocumentedSettings()
                .area(stale, config -> config.get("encoder.model-dir") + config.get("encoder.quantized"))
                .area(SettingKeys.of("Strict", "index.seal-ms"), config -> config.intAtLeast("index.seal-ms", 1_000_000))
                .everyDocumentedKeyRead(List.of("index."))
                .problems();
        assertTrue(problems.contains("Stale declares encoder.no-such-key, which config/spork.properties does not document"), problems.toString());
        assertTrue(problems.contains("Stale reads keys it does not declare [encoder.quantized] and declares keys it does not read [encoder.no-such-key]"),
                problems.toString());
        assertTrue(problems.contains("Strict refuses the documented defaults: index.seal-ms must be >= 1000000, got 1000"), problems.toString());
        assertTrue(problems.contains("config/spork.properties documents index.merge-factor, which no settings record reads"), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("http.port")), "keys outside the prefixes are not asked for");
    }

    @Test
    void eachAreaIsReadOnceFromOneConfiguration() {
        SporkConfig config = SporkConfig.builder().set(TopicSettings.VECTORS, "vecs").set(EncoderSettings.MAX_WAIT_MS, "7")
                .set(IndexSettings.SEAL_DOCUMENTS, "5").set(KafkaSettings.APPLICATION_ID, "app").build();
        EngineSettings settings = EngineSettings.from(config);
        assertEquals("vecs", settings.topics().vectors());
        assertEquals(7, settings.encoder().maxWaitMs());
        assertEquals(7, settings.encodeMaxWait().toMillis());
        assertEquals(5, settings.index().sealDocuments());
        assertEquals("app", settings.kafka().applicationId());
    }
}
