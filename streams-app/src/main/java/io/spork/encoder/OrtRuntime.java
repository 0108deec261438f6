package io.spork.encoder;

import ai.onnxruntime.OrtEnvironment;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The process-wide ONNX Runtime environment, created once on a thread with a large stack.
 *
 * <p>ONNX Runtime 1.29 crashes the JVM (SIGSEGV, no hs_err file) when its environment is first
 * created on a thread whose stack is 2 MiB or less, which Kafka Streams threads are. So the
 * environment is made here, at start-up, on a dedicated 8 MiB-stack thread, never lazily.
 */
public final class OrtRuntime {
    private static final long INIT_STACK_BYTES = 8L * 1024 * 1024;
    private static final AtomicReference<OrtEnvironment> ENVIRONMENT = new AtomicReference<>();

    private OrtRuntime() {
    }

    /**
     * Which ONNX Runtime build is on the class path: the CUDA build (onnxruntime_gpu) offers the
     * CUDA provider, the CPU build (onnxruntime) does not. For /stats and the start-up line.
     */
    public static String build() {
        boolean cuda = OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA);
        return (cuda ? "onnxruntime_gpu " : "onnxruntime ") + environment().getVersion() + (cuda ? " (CUDA build)" : " (CPU build)");
    }

    public static synchronized OrtEnvironment environment() {
        OrtEnvironment env = ENVIRONMENT.get();
        if (env != null) {
            return env;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread init = new Thread(null, () -> {
            try {
                ENVIRONMENT.set(OrtEnvironment.getEnvironment());
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "onnxruntime-init", INIT_STACK_BYTES);
        init.start();
        try {
            init.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while starting ONNX Runtime", e);
        }
        if (failure.get() != null) {
            throw new ModelException("ONNX Runtime could not start: " + failure.get().getMessage(), failure.get());
        }
        return ENVIRONMENT.get();
    }
}
