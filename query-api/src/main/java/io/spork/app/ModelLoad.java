package io.spork.app;

import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import io.spork.topology.StartupLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The model, opened on its own thread while the instance checks its topics and starts the index
 * stage, which needs no model: a restart then waits for the model and the index's segments at
 * the same time instead of one after the other.
 */
final class ModelLoad implements Supplier<SpladeEncoder>, AutoCloseable {
    /** ONNX Runtime wants a large stack on the thread that first touches it. */
    private static final long STACK_BYTES = 8L << 20;

    private final CompletableFuture<SpladeEncoder> encoder = new CompletableFuture<>();

    private ModelLoad() {
    }

    static ModelLoad started(EncoderSettings settings) {
        ModelLoad load = new ModelLoad();
        Thread thread = new Thread(null, () -> {
            try {
                load.encoder.complete(SpladeEncoder.open(settings));
                StartupLog.reached("model loaded");
            } catch (Throwable e) {
                load.encoder.completeExceptionally(e);
            }
        }, "spork-model-load", STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
        return load;
    }

    /** Waits for the model; a failure to open it is thrown here as it was thrown there. */
    @Override
    public SpladeEncoder get() {
        try {
            return encoder.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Closes the model once it is open (waiting for it if it is still loading); nothing when it failed. */
    @Override
    public void close() {
        encoder.handle((opened, failed) -> opened).join();
        SpladeEncoder opened = encoder.getNow(null);
        if (opened != null) {
            opened.close();
        }
    }
}
