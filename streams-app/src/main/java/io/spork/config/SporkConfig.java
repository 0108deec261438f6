package io.spork.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Spork's configuration, typed. The defaults and their documentation live in
 * {@code config/spork.properties}, packaged into the jar; a user file, the environment
 * ({@code SPORK_*}) and explicit overrides (command-line flags) are layered on top, in that order.
 */
public final class SporkConfig {
    public static final String KAFKA_PREFIX = "kafka.";
    static final String DEFAULTS_RESOURCE = "/io/spork/config/spork.properties";
    private static final String ENV_PREFIX = "SPORK_";

    private final Map<String, String> values;

    private SporkConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
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
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
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
            SporkConfig config = new SporkConfig(values);
            config.validate();
            return config;
        }
    }

    static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private void validate() {
        positive(ConfigKeys.TOPICS_PARTITIONS);
        positive(ConfigKeys.TOPICS_REPLICATION_FACTOR);
        positive(ConfigKeys.ENCODER_MAX_BATCH_SIZE);
        positive(ConfigKeys.ENCODER_MAX_WAIT_MS);
        positive(ConfigKeys.ENCODER_BATCH_TOKENS);
        positive(ConfigKeys.ENCODER_PIPELINE_DEPTH);
        positive(ConfigKeys.ENCODER_MAX_WINDOWS);
        positive(ConfigKeys.HTTP_MAX_K);
        positive(ConfigKeys.VALIDATION_MAX_TEXT_BYTES);
        positive(ConfigKeys.HTTP_MAX_BODY_BYTES);
        positive(ConfigKeys.HTTP_MAX_QUERY_CHARS);
        positive(ConfigKeys.HTTP_WAIT_TIMEOUT_MS);
        encoderDevice();
        String queryMode = get(ConfigKeys.ENCODER_QUERY_MODE);
        if (!queryMode.equals("model") && !queryMode.equals("inference-free")) {
            throw new ConfigException(ConfigKeys.ENCODER_QUERY_MODE + " must be model or inference-free, got '" + queryMode + "'");
        }
        for (String portKey : new String[] {ConfigKeys.HTTP_PORT, ConfigKeys.DEV_KAFKA_PORT}) {
            int port = getInt(portKey);
            if (port < 0 || port > 65535) {
                throw new ConfigException(portKey + " must be between 0 and 65535, got " + port);
            }
        }
        int window = getInt(ConfigKeys.ENCODER_WINDOW_TOKENS);
        int stride = getInt(ConfigKeys.ENCODER_WINDOW_STRIDE);
        if (window < 0 || stride < 0 || (window > 0 && stride >= window - 2)) {
            throw new ConfigException(ConfigKeys.ENCODER_WINDOW_STRIDE + " must be >= 0 and smaller than "
                    + ConfigKeys.ENCODER_WINDOW_TOKENS + " - 2, got stride " + stride + " for windows of " + window);
        }
    }

    private void positive(String key) {
        if (getLong(key) <= 0) {
            throw new ConfigException(key + " must be > 0, got " + get(key));
        }
    }

    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new ConfigException("configuration key '" + key + "' is not set");
        }
        return v;
    }

    public int getInt(String key) {
        return (int) getLong(key);
    }

    public long getLong(String key) {
        String v = get(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, got '" + v + "'");
        }
    }

    public boolean getBoolean(String key) {
        String v = get(key).toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ConfigException(key + " must be true or false, got '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    public EncoderDevice encoderDevice() {
        return EncoderDevice.parse(get(ConfigKeys.ENCODER_DEVICE));
    }

    /** Settings for every Kafka client: the kafka.* keys without their prefix, empty ones left out. */
    public Map<String, Object> kafkaClientSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(KAFKA_PREFIX) && !v.isEmpty()) {
                settings.put(k.substring(KAFKA_PREFIX.length()), v);
            }
        });
        return settings;
    }

    public String bootstrapServers() {
        return values.getOrDefault(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, "");
    }

    /** A copy with one key changed (used by the launcher to fill in the embedded broker). */
    public SporkConfig with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        SporkConfig config = new SporkConfig(copy);
        config.validate();
        return config;
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
