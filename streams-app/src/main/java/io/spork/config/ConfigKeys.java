package io.spork.config;

/** The names of Spork's configuration keys; config/spork.properties documents each with its default. */
public final class ConfigKeys {
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String APPLICATION_ID = "application.id";
    public static final String TOPICS_DOCUMENTS = "topics.documents";
    public static final String TOPICS_DLQ = "topics.dlq";
    public static final String TOPICS_VECTORS = "topics.vectors";
    public static final String TOPICS_PARTITIONS = "topics.partitions";
    public static final String TOPICS_REPLICATION_FACTOR = "topics.replication-factor";
    public static final String TOPICS_CREATE = "topics.create";

    public static final String STREAMS_PROCESSING_GUARANTEE = "streams.processing-guarantee";
    public static final String STREAMS_NUM_STREAM_THREADS = "streams.num-stream-threads";
    public static final String STREAMS_NUM_STANDBY_REPLICAS = "streams.num-standby-replicas";
    public static final String STREAMS_COMMIT_INTERVAL_MS = "streams.commit-interval-ms";
    public static final String STREAMS_SESSION_TIMEOUT_MS = "streams.session-timeout-ms";
    public static final String STREAMS_TRANSACTION_TIMEOUT_MS = "streams.transaction-timeout-ms";
    public static final String STATE_DIR = "state.dir";

    public static final String ENCODER_MODEL_DIR = "encoder.model-dir";
    public static final String ENCODER_QUANTIZED = "encoder.quantized";
    public static final String ENCODER_DEVICE = "encoder.device";
    public static final String ENCODER_CUDA_DEVICE_ID = "encoder.cuda.device-id";
    public static final String ENCODER_CUDA_MEMORY_LIMIT_BYTES = "encoder.cuda.memory-limit-bytes";
    public static final String ENCODER_INTRA_OP_THREADS = "encoder.intra-op-threads";
    public static final String ENCODER_MAX_BATCH_SIZE = "encoder.max-batch-size";
    public static final String ENCODER_MAX_WAIT_MS = "encoder.max-wait-ms";
    public static final String ENCODER_BATCH_TOKENS = "encoder.batch-tokens";
    public static final String ENCODER_PIPELINE_DEPTH = "encoder.pipeline-depth";
    public static final String ENCODER_WINDOW_TOKENS = "encoder.window-tokens";
    public static final String ENCODER_WINDOW_STRIDE = "encoder.window-stride";
    public static final String ENCODER_QUERY_MODE = "encoder.query-mode";
    public static final String ENCODER_MAX_WINDOWS = "encoder.max-windows";

    public static final String VALIDATION_MAX_TEXT_BYTES = "validation.max-text-bytes";

    public static final String DEV_KAFKA_PORT = "dev.kafka-port";
    public static final String INDEX_SEAL_DOCUMENTS = "index.seal-documents";
    public static final String INDEX_SEAL_MS = "index.seal-ms";
    public static final String INDEX_MERGE_FACTOR = "index.merge-factor";
    public static final String INDEX_MERGE_DELETED_RATIO = "index.merge-deleted-ratio";
    public static final String INDEX_MAX_MERGED_DOCUMENTS = "index.max-merged-documents";

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
