package io.spork.encoder;

import io.spork.config.ConfigException;
import io.spork.config.SettingKeys;
import io.spork.config.SporkConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The encoder's settings (config/spork.properties, "Encoder"): the model and where it runs, how
 * texts are cut into windows, how model runs and encode batches are sized, how queries are encoded.
 *
 * @param runWindows     most windows (rows) of one model run
 * @param batchTokens    token budget of one encode batch (the tokens of its documents)
 * @param windowTokens   tokens per window including special tokens; 0 = the model's max length
 * @param batchDocuments an encode batch closes at this many documents
 * @param maxWaitMs      ... or when its first document has waited this long
 * @param pipelineDepth  encode batches of one partition the model may hold at once
 * @param laterWindowWeight weight of a long text's windows after its first, before they are
 *                       max-pooled (1 = plain max-pooling)
 * @param modelThreads   threads running model runs side by side; 0 = one per core on a CPU, one
 *                       on a GPU
 * @param intraOpSpinning whether ONNX Runtime's intra-op threads spin while waiting for work
 *                       (its default) instead of sleeping
 * @param backlogBatches  batches' worth of waiting documents one partition buffers, while the
 *                       model holds pipelineDepth batches, before its stream thread waits for it
 * @param runTokens      padded tokens (rows x longest window) of one model run at most
 */
public record EncoderSettings(
        Path modelDir,
        boolean quantized,
        EncoderDevice device,
        int cudaDeviceId,
        long cudaMemoryLimitBytes,
        int intraOpThreads,
        int runWindows,
        int batchTokens,
        int windowTokens,
        int windowStride,
        int maxWindows,
        QueryMode queryMode,
        int batchDocuments,
        long maxWaitMs,
        int pipelineDepth,
        float laterWindowWeight,
        int modelThreads,
        boolean intraOpSpinning,
        int backlogBatches,
        int runTokens) {

    public static final String MODEL_DIR = "encoder.model-dir";
    public static final String QUANTIZED = "encoder.quantized";
    public static final String DEVICE = "encoder.device";
    public static final String CUDA_DEVICE_ID = "encoder.cuda.device-id";
    public static final String CUDA_MEMORY_LIMIT_BYTES = "encoder.cuda.memory-limit-bytes";
    public static final String INTRA_OP_THREADS = "encoder.intra-op-threads";
    public static final String BATCH_DOCUMENTS = "encoder.batch-documents";
    public static final String BATCH_TOKENS = "encoder.batch-tokens";
    public static final String MAX_WAIT_MS = "encoder.max-wait-ms";
    public static final String PIPELINE_DEPTH = "encoder.pipeline-depth";
    public static final String RUN_WINDOWS = "encoder.run-windows";
    public static final String WINDOW_TOKENS = "encoder.window-tokens";
    public static final String WINDOW_STRIDE = "encoder.window-stride";
    public static final String QUERY_MODE = "encoder.query-mode";
    public static final String MAX_WINDOWS = "encoder.max-windows";
    public static final String LATER_WINDOW_WEIGHT = "encoder.later-window-weight";
    public static final String MODEL_THREADS = "encoder.model-threads";
    public static final String INTRA_OP_SPINNING = "encoder.intra-op-spinning";
    public static final String BACKLOG_BATCHES = "encoder.backlog-batches";
    public static final String RUN_TOKENS = "encoder.run-tokens";
    /** Retired: it meant three things, now {@link #BATCH_DOCUMENTS}, {@link #RUN_WINDOWS} and streams.max-poll-records. */
    public static final String RETIRED_MAX_BATCH_SIZE = "encoder.max-batch-size";

    public static final SettingKeys KEYS = SettingKeys.of("EncoderSettings", MODEL_DIR, QUANTIZED, DEVICE, CUDA_DEVICE_ID,
            CUDA_MEMORY_LIMIT_BYTES, INTRA_OP_THREADS, BATCH_DOCUMENTS, BATCH_TOKENS, MAX_WAIT_MS, PIPELINE_DEPTH, RUN_WINDOWS,
            WINDOW_TOKENS, WINDOW_STRIDE, QUERY_MODE, MAX_WINDOWS, LATER_WINDOW_WEIGHT, MODEL_THREADS,
            INTRA_OP_SPINNING, BACKLOG_BATCHES, RUN_TOKENS, RETIRED_MAX_BATCH_SIZE);

    public static EncoderSettings from(SporkConfig config) {
        if (!config.get(RETIRED_MAX_BATCH_SIZE).isBlank()) {
            throw new ConfigException(RETIRED_MAX_BATCH_SIZE + " is retired: it set three things, now set apart: "
                    + BATCH_DOCUMENTS + " (an encode batch closes at this many documents), "
                    + RUN_WINDOWS + " (most windows of one model run) and streams.max-poll-records (records per poll,"
                    + " formerly twice it). Remove it and set those instead (config/spork.properties documents them).");
        }
        int windowTokens = config.intAtLeast(WINDOW_TOKENS, 0);
        int windowStride = config.intAtLeast(WINDOW_STRIDE, 0);
        if (windowTokens > 0 && windowStride >= windowTokens - 2) {
            throw new ConfigException(WINDOW_STRIDE + " must be smaller than " + WINDOW_TOKENS + " - 2 (the window without [CLS] and [SEP]),"
                    + " got stride " + windowStride + " for windows of " + windowTokens);
        }
        return new EncoderSettings(
                resolveModelDir(config.nonBlank(MODEL_DIR)),
                config.getBoolean(QUANTIZED),
                config.oneOf(DEVICE, EncoderDevice.class),
                config.intAtLeast(CUDA_DEVICE_ID, 0),
                config.longAtLeast(CUDA_MEMORY_LIMIT_BYTES, 0),
                config.intAtLeast(INTRA_OP_THREADS, 0),
                config.intAtLeast(RUN_WINDOWS, 1),
                config.intAtLeast(BATCH_TOKENS, 1),
                windowTokens,
                windowStride,
                config.intAtLeast(MAX_WINDOWS, 1),
                config.oneOf(QUERY_MODE, QueryMode.class),
                config.intAtLeast(BATCH_DOCUMENTS, 1),
                config.longAtLeast(MAX_WAIT_MS, 1),
                config.intAtLeast(PIPELINE_DEPTH, 1),
                laterWindowWeight(config),
                config.intAtLeast(MODEL_THREADS, 0),
                config.getBoolean(INTRA_OP_SPINNING),
                config.intAtLeast(BACKLOG_BATCHES, 1),
                config.intAtLeast(RUN_TOKENS, 1));
    }

    /** Model threads of an encoder on this device ("cpu" or "cuda:N"): a GPU runs one batch at a time. */
    public int modelThreadsOn(String device) {
        if (modelThreads > 0) {
            return modelThreads;
        }
        return device.startsWith("cuda") ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /** Intra-op threads of each model run on a CPU: the cores shared among the model threads. */
    public int cpuIntraOpThreads() {
        if (intraOpThreads > 0) {
            return intraOpThreads;
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / modelThreadsOn("cpu"));
    }

    private static float laterWindowWeight(SporkConfig config) {
        double weight = config.getDouble(LATER_WINDOW_WEIGHT);
        if (!(weight > 0 && weight <= 1)) {
            throw new ConfigException(LATER_WINDOW_WEIGHT + " must be above 0 and at most 1 (1 = plain max-pooling), got " + weight);
        }
        return (float) weight;
    }

    /**
     * A relative model directory is looked up in the working directory first, then under the
     * installation directory the launcher passes as {@code -Dspork.home}.
     */
    static Path resolveModelDir(String configured) {
        Path dir = Path.of(configured);
        String home = System.getProperty("spork.home");
        if (!dir.isAbsolute() && !Files.exists(dir) && home != null) {
            return Path.of(home).resolve(dir);
        }
        return dir;
    }

    public EncoderSettings withModelDir(Path dir) {
        return new EncoderSettings(dir, quantized, device, cudaDeviceId, cudaMemoryLimitBytes, intraOpThreads,
                runWindows, batchTokens, windowTokens, windowStride, maxWindows, queryMode, batchDocuments, maxWaitMs, pipelineDepth,
                laterWindowWeight, modelThreads, intraOpSpinning, backlogBatches, runTokens);
    }

    public EncoderSettings withDevice(EncoderDevice newDevice) {
        return new EncoderSettings(modelDir, quantized, newDevice, cudaDeviceId, cudaMemoryLimitBytes, intraOpThreads,
                runWindows, batchTokens, windowTokens, windowStride, maxWindows, queryMode, batchDocuments, maxWaitMs, pipelineDepth,
                laterWindowWeight, modelThreads, intraOpSpinning, backlogBatches, runTokens);
    }

    public EncoderSettings withQuantized(boolean newQuantized) {
        return new EncoderSettings(modelDir, newQuantized, device, cudaDeviceId, cudaMemoryLimitBytes, intraOpThreads,
                runWindows, batchTokens, windowTokens, windowStride, maxWindows, queryMode, batchDocuments, maxWaitMs, pipelineDepth,
                laterWindowWeight, modelThreads, intraOpSpinning, backlogBatches, runTokens);
    }
}
