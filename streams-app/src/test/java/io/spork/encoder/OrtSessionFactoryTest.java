package io.spork.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.testing.TestModels;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The device choice. These tests run where the CUDA provider cannot load (the CPU build of ONNX
 * Runtime, or no GPU): auto must fall back to CPU even when a GPU looks present, and an explicit
 * cuda must fail with a message that says what to do.
 */
class OrtSessionFactoryTest {
    private final EncoderSettings settings = EncoderSettings.from(TestModels.config());
    private final ModelDirectory model = ModelDirectory.open(TestModels.spladeTiny());

    @Test
    void autoWithoutGpuUsesCpu() throws Exception {
        OrtSessionFactory factory = new OrtSessionFactory(OrtRuntime.environment(), () -> false);
        try (var session = factory.open(model.modelFile(false), settings.withDevice(EncoderDevice.AUTO)).session()) {
            assertEquals(3, session.getInputNames().size());
        }
        assertEquals("cpu", factory.open(model.modelFile(false), settings.withDevice(EncoderDevice.AUTO)).device());
    }

    @Test
    void autoFallsBackToCpuWhenTheCudaProviderDoesNotLoad() {
        Assumptions.assumeFalse(cudaLoads(), "this machine runs CUDA: the fallback cannot be exercised here");
        OrtSessionFactory factory = new OrtSessionFactory(OrtRuntime.environment(), () -> true);
        assertEquals("cpu", factory.open(model.modelFile(false), settings.withDevice(EncoderDevice.AUTO)).device());
    }

    @Test
    void explicitCudaWithoutProviderFailsWithAnActionableMessage() {
        Assumptions.assumeFalse(cudaLoads(), "this machine runs CUDA");
        OrtSessionFactory factory = new OrtSessionFactory(OrtRuntime.environment(), () -> false);
        ModelException e = assertThrows(ModelException.class,
                () -> factory.open(model.modelFile(false), settings.withDevice(EncoderDevice.CUDA)));
        assertTrue(e.getMessage().contains("encoder.device=cuda"), e.getMessage());
    }

    @Test
    void quantizedVariantLoadsAndAgreesOnTheTopTerm() {
        try (SpladeEncoder int8 = SpladeEncoder.open(new EncoderSettings(TestModels.spladeTiny(), true, EncoderDevice.CPU,
                0, 0, 0, 8, 4096, 128, 16, 4, QueryMode.MODEL, 8, 20, 2, 0.5f, 0, true, 8, 4096))) {
            var v = int8.encode("The weather is lovely today.");
            int best = 0;
            for (int i = 1; i < v.size(); i++) {
                if (v.weightAt(i) > v.weightAt(best)) {
                    best = i;
                }
            }
            assertEquals("today", int8.vocabulary().token(v.idAt(best)));
        }
    }

    private static boolean cudaLoads() {
        return GpuProbe.nvidiaDeviceFiles().gpuPresent() && System.getProperty("java.class.path").contains("onnxruntime_gpu");
    }
}
