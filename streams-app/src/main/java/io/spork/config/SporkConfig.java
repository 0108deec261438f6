package io.spork.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Spork's configuration as layered strings. The defaults and their documentation live in
 * {@code config/spork.properties}, packaged into the jar; a user file, the environment
 * ({@code SPORK_*}) and explicit overrides (command-line flags) are layered on top, in that order.
 * Each area reads its keys once into a settings record that checks them (EncoderSettings,
 * IndexSettings, TopicSettings, KafkaSettings); the getters here name the key in every complaint.
 */
public final class SporkConfig {
    public static final String KAFKA_PREFIX = "kafka.";
    static final String DEFAULTS_RESOURCE = "/io/spork/config/spork.properties";
    private static final String ENV_PREFIX = "SPORK_";

    private final Map<String, String> values;
    /** Keys read so far, or null when nobody asked (see {@link #readsInto}). */
    private final Set<String> reads;

    private SporkConfig(Map<String, String> values) {
        this(values, null);
    }

    private SporkConfig(Map<String, String> values, Set<String> reads) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.reads = reads;
    }

    /** The packaged defaults alone. */
    public static SporkConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder(loadDefaults());
    }

    static Map<String, String> loadDefaults() {
        try (InputStream in = SporkConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default configuration " + DEFAULTS_RESOURCE + " is not on the classpath");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, String> map = new LinkedHashMap<>();
            p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k).trim()));
            return map;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read default configuration", e);
        }
    }

    /** Layers configuration sources over the defaults, refusing unknown keys. */
    public static final class Builder {
        private final Map<String, String> values;

        private Builder(Map<String, String> defaults) {
            this.values = new LinkedHashMap<>(defaults);
        }

        public Builder file(Path file) {
            Properties p = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(reader);
            } catch (IOException e) {
                throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> set(k, p.getProperty(k).trim(), "file " + file));
            return this;
        }

        /** Applies SPORK_* variables: known keys by name, and SPORK_KAFKA_* as Kafka client keys. */
        public Builder environment(Map<String, String> env) {
            Map<String, String> byEnvName = new LinkedHashMap<>();
            for (String key : values.keySet()) {
                byEnvName.put(envName(key), key);
            }
            for (Map.Entry<String, String> e : env.entrySet()) {
                String name = e.getKey();
                if (!name.startsWith(ENV_PREFIX)) {
                    continue;
                }
                String key = byEnvName.get(name);
                if (key == null && name.startsWith(ENV_PREFIX + "KAFKA_")) {
                    key = KAFKA_PREFIX + name.substring((ENV_PREFIX + "KAFKA_").length()).toLowerCase(Locale.ROOT).replace('_', '.');
                }
                if (key != null) {
                    values.put(key, e.getValue().trim());
                }
            }
            return this;
        }

        public Builder set(String key, String value) {
            return set(key, value, "override");
        }

        private Builder set(String key, String value, String source) {
            if (!values.containsKey(key) && !key.startsWith(KAFKA_PREFIX)) {
                throw new ConfigException("unknown configuration key '" + key + "' in " + source
                        + "; config/spork.properties lists every key");
            }
            values.put(key, value);
            return this;
        }

        public SporkConfig build() {
            return new SporkConfig(values);
        }
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }


    public String get(String key) {
        if (reads != null) {
            reads.add(key);
        }
        String v = values.get(key);
        if (v == null) {
            throw new ConfigException("configuration key '" + key + "' is not set");
        }
        return v;
    }

    public int getInt(String key) {
        long v = getLong(key);
        if (v != (int) v) {
            throw new ConfigException(key + " must be a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", got " + v);
        }
        return (int) v;
    }

    public long getLong(String key) {
        String v = get(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, got '" + v + "'");
        }
    }

    public double getDouble(String key) {
        String v = get(key);
        try {
            double d = Double.parseDouble(v);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // answered below, with the key named
        }
        throw new ConfigException(key + " must be a number, got '" + v + "'");
    }

    public boolean getBoolean(String key) {
        String v = get(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** A whole number of at least {@code min}. */
    public int intAtLeast(String key, int min) {
        int v = getInt(key);
        if (v < min) {
            throw new ConfigException(key + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    public long longAtLeast(String key, long min) {
        long v = getLong(key);
        if (v < min) {
            throw new ConfigException(key + " must be >= " + min + ", got " + v);
        }
        return v;
    }

    /** A TCP port; 0 means any free one. */
    public int port(String key) {
        int port = getInt(key);
        if (port < 0 || port > 65535) {
            throw new ConfigException(key + " must be between 0 and 65535, got " + port);
        }
        return port;
    }

    /** A value that must not be blank. */
    public String nonBlank(String key) {
        String v = get(key);
        if (v.isBlank()) {
            throw new ConfigException(key + " must not be empty");
        }
        return v;
    }

    /**
     * One of an enum's constants, written in lower case with '-' for '_' ({@code INFERENCE_FREE}
     * is {@code inference-free}); the message lists the values allowed.
     */
    public <E extends Enum<E>> E oneOf(String key, Class<E> type) {
        String v = get(key).trim();
        for (E constant : type.getEnumConstants()) {
            if (wireName(constant).equalsIgnoreCase(v)) {
                return constant;
            }
        }
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(SporkConfig::wireName).toList();
        throw new ConfigException(key + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
    }

    /** How an enum constant is written in configuration: {@code INFERENCE_FREE} as {@code inference-free}. */
    public static String wireName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The non-empty values of the keys with this prefix, keyed without it (Kafka client settings). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && !v.isEmpty()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        if (reads != null) {
            reads.add(prefix + "*");
        }
        return out;
    }

    /** A copy that notes every key read through it into {@code log} (for the documentation check). */
    SporkConfig readsInto(Set<String> log) {
        return new SporkConfig(values, log);
    }

    /** A copy with one key changed (used by the launcher to fill in the embedded broker). */
    public SporkConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new SporkConfig(copy);
    }

    /** All values, for the start-up log; values of keys that may hold secrets are masked. */
    public Map<String, String> redacted() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, isSecret(k) && !v.isEmpty() ? "[redacted]" : v));
        return out;
    }

    static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.contains("token") || k.endsWith(".key");
    }
}
