package io.spork.config;

/**
 * The names of the HTTP and search keys, which the API still reads one by one; every other key is
 * declared by the settings record of its area (EncoderSettings, IndexSettings, TopicSettings,
 * KafkaSettings). config/spork.properties documents each with its default.
 */
public final class ConfigKeys {
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_ADVERTISED_HOST = "http.advertised-host";
    public static final String HTTP_MAX_K = "http.max-k";
    public static final String HTTP_MAX_BODY_BYTES = "http.max-body-bytes";
    public static final String HTTP_MAX_QUERY_CHARS = "http.max-query-chars";
    public static final String HTTP_WRITE_TOKEN = "http.write-token";
    public static final String HTTP_PEER_TIMEOUT_MS = "http.peer-timeout-ms";
    public static final String HTTP_WAIT_TIMEOUT_MS = "http.wait-timeout-ms";

    public static final String SEARCH_MODE = "search.mode";
    public static final String SEARCH_FUSION_METHOD = "search.fusion.method";
    public static final String SEARCH_FUSION_SPLADE_WEIGHT = "search.fusion.splade-weight";
    public static final String SEARCH_FUSION_RRF_K = "search.fusion.rrf-k";
    public static final String SEARCH_FUSION_CANDIDATES = "search.fusion.candidates";
    public static final String SEARCH_BM25_K1 = "search.bm25.k1";
    public static final String SEARCH_BM25_B = "search.bm25.b";

    private ConfigKeys() {
    }
}
