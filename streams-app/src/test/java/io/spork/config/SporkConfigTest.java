package io.spork.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SporkConfigTest {
    @Test
    void everyKeyTheCodeNamesHasADocumentedDefault() throws Exception {
        Map<String, String> defaults = SporkConfig.loadDefaults();
        for (Field f : ConfigKeys.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String key = (String) f.get(null);
                assertTrue(defaults.containsKey(key), "config/spork.properties lacks " + key);
            }
        }
        assertEquals(7070, SporkConfig.defaults().getInt(ConfigKeys.HTTP_PORT));
        assertEquals("127.0.0.1", SporkConfig.defaults().get(ConfigKeys.HTTP_HOST));
        assertEquals("exactly_once_v2", SporkConfig.defaults().get(ConfigKeys.STREAMS_PROCESSING_GUARANTEE));
    }

    @Test
    void fileThenEnvironmentThenOverridesWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spork.properties");
        Files.writeString(file, "http.port=8000\nencoder.max-batch-size=8\nkafka.security.protocol=SASL_SSL\n");
        SporkConfig config = SporkConfig.builder()
                .file(file)
                .environment(Map.of("SPORK_HTTP_PORT", "9000", "SPORK_KAFKA_SASL_MECHANISM", "PLAIN", "PATH", "/bin"))
                .set(ConfigKeys.ENCODER_MAX_WAIT_MS, "5")
                .build();
        assertEquals(9000, config.getInt(ConfigKeys.HTTP_PORT));
        assertEquals(8, config.getInt(ConfigKeys.ENCODER_MAX_BATCH_SIZE));
        assertEquals(5, config.getInt(ConfigKeys.ENCODER_MAX_WAIT_MS));
        assertEquals("SASL_SSL", config.kafkaClientSettings().get("security.protocol"));
        assertEquals("PLAIN", config.kafkaClientSettings().get("sasl.mechanism"));
        assertFalse(config.kafkaClientSettings().containsKey("bootstrap.servers"), "empty values are not passed on");
    }

    @Test
    void unknownKeysAndBadValuesAreRefusedWithTheKeyNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "htp.port=1\n");
        ConfigException unknown = assertThrows(ConfigException.class, () -> SporkConfig.builder().file(file).build());
        assertTrue(unknown.getMessage().contains("htp.port"));
        ConfigException notNumber = assertThrows(ConfigException.class,
                () -> SporkConfig.builder().set(ConfigKeys.HTTP_PORT, "eighty").build());
        assertTrue(notNumber.getMessage().contains(ConfigKeys.HTTP_PORT));
        assertThrows(ConfigException.class, () -> SporkConfig.builder().set(ConfigKeys.ENCODER_DEVICE, "tpu").build());
        assertThrows(ConfigException.class, () -> SporkConfig.builder().set(ConfigKeys.ENCODER_MAX_BATCH_SIZE, "0").build());
    }

    @Test
    void secretsAreRedacted() {
        SporkConfig config = SporkConfig.builder().set("kafka.sasl.jaas.config", "user=\"u\" password=\"p\"").build();
        assertEquals("[redacted]", config.redacted().get("kafka.sasl.jaas.config"));
        assertEquals("7070", config.redacted().get(ConfigKeys.HTTP_PORT));
    }
}
