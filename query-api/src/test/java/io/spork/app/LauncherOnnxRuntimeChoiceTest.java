package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher picks the CUDA build of ONNX Runtime where an NVIDIA GPU is present and the CPU
 * build elsewhere ({@code ./spork onnxruntime} prints the choice without building). A GPU is
 * simulated by an {@code nvidia-smi} on the PATH that lists one.
 */
class LauncherOnnxRuntimeChoiceTest {
    private static final boolean DEVICE_FILES = Files.exists(Path.of("/dev/nvidiactl")) || Files.exists(Path.of("/dev/nvidia0"));

    @TempDir
    Path bin;

    @Test
    void autoTakesTheCudaBuildWhenNvidiaSmiListsAGpu() throws Exception {
        fakeNvidiaSmi(0);
        assertTrue(choice("auto").output().startsWith("gpu "), choice("auto").output());
    }

    @Test
    void autoKeepsTheCpuBuildWithoutAGpu() throws Exception {
        fakeNvidiaSmi(9);
        Result r = choice("auto");
        assertTrue(r.output().startsWith(DEVICE_FILES ? "gpu " : "cpu "), r.output());
    }

    @Test
    void anExplicitChoiceWinsAndANonsenseOneIsRefused() throws Exception {
        fakeNvidiaSmi(0);
        assertTrue(choice("cpu").output().startsWith("cpu "));
        assertTrue(choice("gpu").output().startsWith("gpu "));
        Result bad = choice("tpu");
        assertEquals(2, bad.code());
        assertTrue(bad.output().contains("SPORK_ONNXRUNTIME must be auto, cpu or gpu"), bad.output());
    }

    private record Result(int code, String output) {
    }

    private void fakeNvidiaSmi(int exitCode) throws IOException {
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\nexit " + exitCode + "\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Result choice(String setting) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", TestModels.repoRoot().resolve("spork").toString(), "onnxruntime")
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("SPORK_ONNXRUNTIME", setting);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out);
    }
}
