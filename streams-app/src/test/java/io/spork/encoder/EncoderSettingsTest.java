package io.spork.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.ConfigException;
import io.spork.config.SporkConfig;
import io.spork.config.TestConfigs;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EncoderSettingsTest {
    private static EncoderSettings read(Map<String, String> values) {
        return EncoderSettings.from(TestConfigs.with(values));
    }

    @Test
    void theDocumentedDefaults() {
        EncoderSettings s = EncoderSettings.from(SporkConfig.defaults());
        assertTrue(s.modelDir().endsWith(Path.of("models/splade-tiny")), s.modelDir().toString());
        assertFalse(s.quantized());
        assertEquals(EncoderDevice.AUTO, s.device());
        assertEquals(0, s.cudaDeviceId());
        assertEquals(0, s.cudaMemoryLimitBytes());
        assertEquals(0, s.intraOpThreads());
        assertEquals(32, s.batchDocuments());
        assertEquals(16, s.runWindows());
        assertEquals(8192, s.batchTokens());
        assertEquals(8192, s.runTokens());
        assertEquals(20, s.maxWaitMs());
        assertEquals(2, s.pipelineDepth());
        assertEquals(0, s.windowTokens());
        assertEquals(128, s.windowStride());
        assertEquals(16, s.maxWindows());
        assertEquals(0.5f, s.laterWindowWeight());
        assertEquals(1, s.modelThreads());
        assertEquals(QueryMode.MODEL, s.queryMode());
    }

    @Test
    void modelThreadsShareTheCoresAsIntraOpThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        EncoderSettings defaults = EncoderSettings.from(SporkConfig.defaults());
        assertEquals(1, defaults.modelThreadsOn("cpu"));
        assertEquals(cores, defaults.cpuIntraOpThreads(), "one model thread gets every core");
        EncoderSettings perCore = read(Map.of(EncoderSettings.MODEL_THREADS, "0"));
        assertEquals(cores, perCore.modelThreadsOn("cpu"));
        assertEquals(1, perCore.modelThreadsOn("cuda:0"), "a GPU runs one batch at a time");
        assertEquals(1, perCore.cpuIntraOpThreads());
        EncoderSettings set = read(Map.of(EncoderSettings.MODEL_THREADS, "3", EncoderSettings.INTRA_OP_THREADS, "2"));
        assertEquals(3, set.modelThreadsOn("cuda:1"));
        assertEquals(2, set.cpuIntraOpThreads());
    }

    @Test
    void eachMeaningOfTheOldBatchSizeHasItsOwnKey() {
        EncoderSettings s = read(Map.of(EncoderSettings.BATCH_DOCUMENTS, "5", EncoderSettings.RUN_WINDOWS, "9"));
        assertEquals(5, s.batchDocuments());
        assertEquals(9, s.runWindows());
    }

    @Test
    void theRetiredBatchSizeKeyIsRefusedNamingTheKeysThatReplaceIt() {
        ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of(EncoderSettings.RETIRED_MAX_BATCH_SIZE, "8")));
        for (String successor : new String[] {EncoderSettings.BATCH_DOCUMENTS, EncoderSettings.RUN_WINDOWS, "streams.max-poll-records"}) {
            assertTrue(e.getMessage().contains(successor), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("encoder.max-batch-size is retired"), e.getMessage());
        ConfigException fromEnvironment = assertThrows(ConfigException.class,
                () -> EncoderSettings.from(SporkConfig.builder().environment(Map.of("SPORK_ENCODER_MAX_BATCH_SIZE", "8")).build()));
        assertTrue(fromEnvironment.getMessage().contains(EncoderSettings.BATCH_DOCUMENTS));
    }

    @Test
    void queryModeAndDeviceAreEnums() {
        EncoderSettings s = read(Map.of(EncoderSettings.QUERY_MODE, "inference-free", EncoderSettings.DEVICE, "CUDA"));
        assertEquals(QueryMode.INFERENCE_FREE, s.queryMode());
        assertEquals(EncoderDevice.CUDA, s.device());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(EncoderSettings.DEVICE, "tpu", "encoder.device must be one of auto, cpu, cuda, got 'tpu'"),
                Arguments.of(EncoderSettings.QUERY_MODE, "bm25", "encoder.query-mode must be one of model, inference-free, got 'bm25'"),
                Arguments.of(EncoderSettings.BATCH_DOCUMENTS, "0", "encoder.batch-documents must be >= 1, got 0"),
                Arguments.of(EncoderSettings.RUN_WINDOWS, "0", "encoder.run-windows must be >= 1, got 0"),
                Arguments.of(EncoderSettings.BATCH_TOKENS, "-4", "encoder.batch-tokens must be >= 1, got -4"),
                Arguments.of(EncoderSettings.MAX_WAIT_MS, "0", "encoder.max-wait-ms must be >= 1, got 0"),
                Arguments.of(EncoderSettings.PIPELINE_DEPTH, "0", "encoder.pipeline-depth must be >= 1, got 0"),
                Arguments.of(EncoderSettings.BACKLOG_BATCHES, "0", "encoder.backlog-batches must be >= 1, got 0"),
                Arguments.of(EncoderSettings.INTRA_OP_SPINNING, "sometimes", "encoder.intra-op-spinning must be true or false, got 'sometimes'"),
                Arguments.of(EncoderSettings.MAX_WINDOWS, "0", "encoder.max-windows must be >= 1, got 0"),
                Arguments.of(EncoderSettings.INTRA_OP_THREADS, "-1", "encoder.intra-op-threads must be >= 0, got -1"),
                Arguments.of(EncoderSettings.CUDA_DEVICE_ID, "-1", "encoder.cuda.device-id must be >= 0, got -1"),
                Arguments.of(EncoderSettings.CUDA_MEMORY_LIMIT_BYTES, "-1", "encoder.cuda.memory-limit-bytes must be >= 0, got -1"),
                Arguments.of(EncoderSettings.QUANTIZED, "yes", "encoder.quantized must be true or false, got 'yes'"),
                Arguments.of(EncoderSettings.MODEL_DIR, " ", "encoder.model-dir must not be empty"),
                Arguments.of(EncoderSettings.WINDOW_TOKENS, "-1", "encoder.window-tokens must be >= 0, got -1"),
                Arguments.of(EncoderSettings.WINDOW_STRIDE, "-1", "encoder.window-stride must be >= 0, got -1"),
                Arguments.of(EncoderSettings.MODEL_THREADS, "-1", "encoder.model-threads must be >= 0, got -1"),
                Arguments.of(EncoderSettings.LATER_WINDOW_WEIGHT, "0", "encoder.later-window-weight must be above 0 and at most 1 (1 = plain max-pooling), got 0.0"),
                Arguments.of(EncoderSettings.LATER_WINDOW_WEIGHT, "1.5", "encoder.later-window-weight must be above 0 and at most 1 (1 = plain max-pooling), got 1.5"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueIsRefusedWithTheKeyAndWhatItNeeds(String key, String value, String message) {
        assertEquals(message, TestConfigs.refusal(EncoderSettings::from, key, value));
    }

    @Test
    void theStrideMustLeaveRoomInAWindow() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> read(Map.of(EncoderSettings.WINDOW_TOKENS, "34", EncoderSettings.WINDOW_STRIDE, "32")));
        assertTrue(e.getMessage().startsWith("encoder.window-stride must be smaller than encoder.window-tokens - 2"), e.getMessage());
        assertEquals(32, read(Map.of(EncoderSettings.WINDOW_TOKENS, "35", EncoderSettings.WINDOW_STRIDE, "32")).windowStride());
    }

    @Test
    void copiesChangeOneThing() {
        EncoderSettings s = EncoderSettings.from(SporkConfig.defaults());
        assertEquals(EncoderDevice.CPU, s.withDevice(EncoderDevice.CPU).device());
        assertTrue(s.withQuantized(true).quantized());
        assertEquals(Path.of("elsewhere"), s.withModelDir(Path.of("elsewhere")).modelDir());
        assertEquals(s.batchDocuments(), s.withQuantized(true).withDevice(EncoderDevice.CPU).batchDocuments());
    }
}
