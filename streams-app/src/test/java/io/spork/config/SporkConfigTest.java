package io.spork.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SporkConfigTest {
    private enum Shade { LIGHT, PITCH_DARK }

    @Test
    void theDefaultsAreThoseOfConfigSporkProperties() {
        assertEquals(7070, SporkConfig.defaults().getInt("http.port"));
        assertEquals("127.0.0.1", SporkConfig.defaults().get("http.host"));
        assertEquals("exactly_once_v2", SporkConfig.defaults().get("streams.processing-guarantee"));
        assertEquals(SporkConfig.loadDefaults().keySet(), SporkConfig.defaults().redacted().keySet());
    }

    @Test
    void fileThenEnvironmentThenOverridesWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spork.properties");
        Files.writeString(file, "http.port=8000\nencoder.batch-documents=8\nkafka.security.protocol=SASL_SSL\n");
        SporkConfig config = SporkConfig.builder()
                .file(file)
                .environment(Map.of("SPORK_HTTP_PORT", "9000", "SPORK_KAFKA_SASL_MECHANISM", "PLAIN", "PATH", "/bin"))
                .set("encoder.max-wait-ms", "5")
                .build();
        assertEquals(9000, config.getInt("http.port"));
        assertEquals(8, config.getInt("encoder.batch-documents"));
        assertEquals(5, config.getInt("encoder.max-wait-ms"));
        Map<String, String> kafka = config.withPrefix(SporkConfig.KAFKA_PREFIX);
        assertEquals("SASL_SSL", kafka.get("security.protocol"));
        assertEquals("PLAIN", kafka.get("sasl.mechanism"));
        assertFalse(kafka.containsKey("bootstrap.servers"), "empty values are not passed on");
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedWithTheKeyNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "htp.port=1\n");
        ConfigException unknown = assertThrows(ConfigException.class, () -> SporkConfig.builder().file(file).build());
        assertTrue(unknown.getMessage().contains("htp.port"));
        ConfigException notNumber = assertThrows(ConfigException.class,
                () -> SporkConfig.builder().set("http.port", "eighty").build().port("http.port"));
        assertTrue(notNumber.getMessage().contains("http.port"));
        assertThrows(ConfigException.class, () -> SporkConfig.builder().set("http.port", "70000").build().port("http.port"));
        assertThrows(ConfigException.class, () -> SporkConfig.builder().set("http.max-k", "0").build().longAtLeast("http.max-k", 1));
    }

    @Test
    void typedReadsNameTheKeyAndWhatItNeeds() {
        SporkConfig config = SporkConfig.builder().set("encoder.batch-documents", "-1").set("index.merge-deleted-ratio", "lots")
                .set("encoder.cuda.device-id", "99999999999").set("encoder.query-mode", "Inference-Free").build();
        ConfigException low = assertThrows(ConfigException.class, () -> config.intAtLeast("encoder.batch-documents", 1));
        assertEquals("encoder.batch-documents must be >= 1, got -1", low.getMessage());
        ConfigException notNumber = assertThrows(ConfigException.class, () -> config.getDouble("index.merge-deleted-ratio"));
        assertEquals("index.merge-deleted-ratio must be a number, got 'lots'", notNumber.getMessage());
        ConfigException tooBig = assertThrows(ConfigException.class, () -> config.getInt("encoder.cuda.device-id"));
        assertTrue(tooBig.getMessage().startsWith("encoder.cuda.device-id must be a whole number between"), tooBig.getMessage());
        assertEquals(99999999999L, config.getLong("encoder.cuda.device-id"));
        ConfigException blank = assertThrows(ConfigException.class, () -> config.nonBlank("http.write-token"));
        assertEquals("http.write-token must not be empty", blank.getMessage());
    }

    @Test
    void enumValuesAreWrittenInLowerCaseWithDashes() {
        SporkConfig config = SporkConfig.builder().set("encoder.query-mode", "Pitch-Dark").set("encoder.device", "pitch_dark").build();
        assertEquals(Shade.PITCH_DARK, config.oneOf("encoder.query-mode", Shade.class));
        ConfigException e = assertThrows(ConfigException.class, () -> config.oneOf("encoder.device", Shade.class));
        assertEquals("encoder.device must be one of light, pitch-dark, got 'pitch_dark'", e.getMessage());
        assertEquals("pitch-dark", SporkConfig.wireName(Shade.PITCH_DARK));
    }

    @Test
    void aTrackedCopyNotesTheKeysReadThroughIt() {
        Set<String> read = new HashSet<>();
        SporkConfig tracked = SporkConfig.defaults().readsInto(read);
        tracked.getInt("http.port");
        tracked.withPrefix("kafka.");
        assertEquals(Set.of("http.port", "kafka.*"), read);
        SporkConfig.defaults().getInt("http.max-k");
        assertEquals(2, read.size(), "the untracked original notes nothing");
    }

    @Test
    void secretsAreRedacted() {
        SporkConfig config = SporkConfig.builder().set("kafka.sasl.jaas.config", "user=\"u\" password=\"p\"").build();
        assertEquals("[redacted]", config.redacted().get("kafka.sasl.jaas.config"));
        assertEquals("7070", config.redacted().get("http.port"));
    }
}
