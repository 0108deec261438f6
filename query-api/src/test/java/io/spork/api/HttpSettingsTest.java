package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.ConfigException;
import io.spork.config.SporkConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The http.* keys read once into their record: defaults from config/spork.properties, validation, the advertised address. */
class HttpSettingsTest {
    private static HttpSettings with(String key, String value) {
        return HttpSettings.from(SporkConfig.builder().set(key, value).build());
    }

    @Test
    void theDocumentedDefaults() {
        HttpSettings http = HttpSettings.from(SporkConfig.defaults());
        assertEquals("127.0.0.1", http.host());
        assertEquals(7070, http.port());
        assertEquals(1000, http.maxK());
        assertEquals(2_097_152, http.maxBodyBytes());
        assertEquals(4096, http.maxQueryChars());
        assertEquals("", http.writeToken());
        assertEquals(Duration.ofMillis(2000), http.peerTimeout());
        assertEquals(Duration.ofMillis(30000), http.waitTimeout());
        for (String key : List.of(HttpSettings.HOST, HttpSettings.PORT, HttpSettings.ADVERTISED_HOST, HttpSettings.MAX_K,
                HttpSettings.MAX_BODY_BYTES, HttpSettings.MAX_QUERY_CHARS, HttpSettings.WRITE_TOKEN, HttpSettings.PEER_TIMEOUT_MS,
                HttpSettings.WAIT_TIMEOUT_MS)) {
            SporkConfig.defaults().get(key);
        }
    }

    @Test
    void theAdvertisedAddress() {
        assertEquals("127.0.0.1:7070", HttpSettings.from(SporkConfig.defaults()).applicationServer());
        assertEquals("localhost:7070", with(HttpSettings.HOST, "0.0.0.0").applicationServer(), "a wildcard host is not reachable");
        assertEquals("node-2:7070", with(HttpSettings.ADVERTISED_HOST, "node-2").applicationServer());
        assertEquals("127.0.0.1:9001", HttpSettings.from(SporkConfig.defaults()).withPort(9001).applicationServer());
    }

    @Test
    void badValuesNameTheirKeyAndTheTokenIsNeverShown() {
        HttpSettings base = HttpSettings.from(SporkConfig.defaults());
        ConfigException port = assertThrows(ConfigException.class, () -> base.withPort(70000));
        assertTrue(port.getMessage().startsWith("http.port must be between 0 and 65535"), port.getMessage());
        ConfigException timeout = assertThrows(ConfigException.class, () -> new HttpSettings("h", 1, "", 10, 10, 10, "", Duration.ZERO,
                Duration.ofSeconds(1)));
        assertTrue(timeout.getMessage().startsWith("http.peer-timeout-ms must be > 0"), timeout.getMessage());
        HttpSettings secret = new HttpSettings("h", 1, "", 10, 10, 10, "s3cret", Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertFalse(secret.toString().contains("s3cret"), secret.toString());
    }

    @Test
    void valuesOfTheConfigurationAreCheckedWhenTheSettingsAreRead() {
        ConfigException notNumber = assertThrows(ConfigException.class,
                () -> HttpSettings.from(SporkConfig.builder().set(HttpSettings.PORT, "eighty").build()));
        assertTrue(notNumber.getMessage().contains(HttpSettings.PORT), notNumber.getMessage());
        assertThrows(ConfigException.class, () -> HttpSettings.from(SporkConfig.builder().set(HttpSettings.PORT, "70000").build()));
        assertThrows(ConfigException.class, () -> HttpSettings.from(SporkConfig.builder().set(HttpSettings.MAX_K, "0").build()));
    }
}
