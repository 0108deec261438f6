package io.spork.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.function.Function;

/** Configurations for the settings records' tests: the defaults with some keys set. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static SporkConfig with(Map<String, String> values) {
        SporkConfig.Builder builder = SporkConfig.builder();
        values.forEach(builder::set);
        return builder.build();
    }

    /** The message with which the reader refuses the defaults with this one key set (fails the test if it does not). */
    public static String refusal(Function<SporkConfig, ?> reader, String key, String value) {
        return assertThrows(ConfigException.class, () -> reader.apply(with(Map.of(key, value))), key + "=" + value).getMessage();
    }
}
