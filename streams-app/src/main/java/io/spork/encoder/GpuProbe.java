package io.spork.encoder;

import java.nio.file.Files;
import java.nio.file.Path;

/** Says whether an NVIDIA GPU is present, without loading CUDA (which takes seconds to fail). */
@FunctionalInterface
public interface GpuProbe {
    boolean gpuPresent();

    /** Looks for the NVIDIA control device the driver creates. */
    static GpuProbe nvidiaDeviceFiles() {
        return () -> Files.exists(Path.of("/dev/nvidiactl")) || Files.exists(Path.of("/dev/nvidia0"));
    }
}
