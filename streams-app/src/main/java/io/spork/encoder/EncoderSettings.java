package io.spork.encoder;

import io.spork.config.ConfigKeys;
import io.spork.config.EncoderDevice;
import io.spork.config.SporkConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the encoder needs from the configuration (see config/spork.properties, "Encoder").
 *
 * @param maxBatchWindows most windows of one model run, and most documents of one encode batch
 * @param batchTokens     token budget of one model run (rows x longest window) and of one encode
 *                        batch (the tokens of its documents)
 * @param windowTokens    tokens per window including special tokens; 0 = the model's max length
 */
public record EncoderSettings(
        Path modelDir,
        boolean quantized,
        EncoderDevice device,
        int cudaDeviceId,
        long cudaMemoryLimitBytes,
        int intraOpThreads,
        int maxBatchWindows,
        int batchTokens,
        int windowTokens,
        int windowStride,
        int maxWindows) {

    public static EncoderSettings from(SporkConfig config) {
        return new EncoderSettings(
                resolveModelDir(config.get(ConfigKeys.ENCODER_MODEL_DIR)),
                config.getBoolean(ConfigKeys.ENCODER_QUANTIZED),
                config.encoderDevice(),
                config.getInt(ConfigKeys.ENCODER_CUDA_DEVICE_ID),
                config.getLong(ConfigKeys.ENCODER_CUDA_MEMORY_LIMIT_BYTES),
                config.getInt(ConfigKeys.ENCODER_INTRA_OP_THREADS),
                config.getInt(ConfigKeys.ENCODER_MAX_BATCH_SIZE),
                config.getInt(ConfigKeys.ENCODER_BATCH_TOKENS),
                config.getInt(ConfigKeys.ENCODER_WINDOW_TOKENS),
                config.getInt(ConfigKeys.ENCODER_WINDOW_STRIDE),
                config.getInt(ConfigKeys.ENCODER_MAX_WINDOWS));
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
                maxBatchWindows, batchTokens, windowTokens, windowStride, maxWindows);
    }

    public EncoderSettings withDevice(EncoderDevice newDevice) {
        return new EncoderSettings(modelDir, quantized, newDevice, cudaDeviceId, cudaMemoryLimitBytes, intraOpThreads,
                maxBatchWindows, batchTokens, windowTokens, windowStride, maxWindows);
    }
}
