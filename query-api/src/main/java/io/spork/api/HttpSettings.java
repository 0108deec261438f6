package io.spork.api;

import io.spork.config.ConfigException;
import io.spork.config.SettingKeys;
import io.spork.config.SporkConfig;
import java.time.Duration;

/**
 * The HTTP API's settings, read once from the http.* keys of config/spork.properties.
 *
 * @param advertisedHost the host other instances reach this one by (application.server); empty:
 *                       {@code host}, or localhost when that is a wildcard address
 * @param writeToken     the bearer token writes need; empty: writes are open. Never logged.
 */
public record HttpSettings(String host, int port, String advertisedHost, int maxK, long maxBodyBytes, int maxQueryChars,
                           String writeToken, Duration peerTimeout, Duration waitTimeout) {
    public static final String HOST = "http.host";
    public static final String PORT = "http.port";
    public static final String ADVERTISED_HOST = "http.advertised-host";
    public static final String MAX_K = "http.max-k";
    public static final String MAX_BODY_BYTES = "http.max-body-bytes";
    public static final String MAX_QUERY_CHARS = "http.max-query-chars";
    public static final String WRITE_TOKEN = "http.write-token";
    public static final String PEER_TIMEOUT_MS = "http.peer-timeout-ms";
    public static final String WAIT_TIMEOUT_MS = "http.wait-timeout-ms";
    public static final SettingKeys KEYS = SettingKeys.of("HttpSettings", HOST, PORT, ADVERTISED_HOST, MAX_K, MAX_BODY_BYTES,
            MAX_QUERY_CHARS, WRITE_TOKEN, PEER_TIMEOUT_MS, WAIT_TIMEOUT_MS);

    /** @throws ConfigException naming the key whose value is not valid */
    public HttpSettings {
        if (port < 0 || port > 65535) {
            throw new ConfigException(PORT + " must be between 0 and 65535, got " + port);
        }
        positive(MAX_K, maxK);
        positive(MAX_BODY_BYTES, maxBodyBytes);
        positive(MAX_QUERY_CHARS, maxQueryChars);
        positive(PEER_TIMEOUT_MS, peerTimeout.toMillis());
        positive(WAIT_TIMEOUT_MS, waitTimeout.toMillis());
        writeToken = writeToken == null ? "" : writeToken;
        advertisedHost = advertisedHost == null ? "" : advertisedHost;
    }

    public static HttpSettings from(SporkConfig config) {
        return new HttpSettings(config.get(HOST), config.getInt(PORT), config.get(ADVERTISED_HOST), config.getInt(MAX_K),
                config.getLong(MAX_BODY_BYTES), config.getInt(MAX_QUERY_CHARS), config.get(WRITE_TOKEN),
                Duration.ofMillis(config.getLong(PEER_TIMEOUT_MS)), Duration.ofMillis(config.getLong(WAIT_TIMEOUT_MS)));
    }

    /** host:port under which the other instances reach this one (application.server). */
    public String applicationServer() {
        String advertised = !advertisedHost.isBlank() ? advertisedHost
                : host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return advertised + ":" + port;
    }

    public HttpSettings withPort(int p) {
        return new HttpSettings(host, p, advertisedHost, maxK, maxBodyBytes, maxQueryChars, writeToken, peerTimeout, waitTimeout);
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new ConfigException(key + " must be > 0, got " + value);
        }
    }

    @Override
    public String toString() {
        return "HttpSettings[" + host + ":" + port + ", advertised '" + advertisedHost + "', max-k " + maxK + ", max-body-bytes " + maxBodyBytes
                + ", max-query-chars " + maxQueryChars + ", write-token " + (writeToken.isEmpty() ? "none" : "set") + ", peer-timeout "
                + peerTimeout.toMillis() + " ms, wait-timeout " + waitTimeout.toMillis() + " ms]";
    }
}
