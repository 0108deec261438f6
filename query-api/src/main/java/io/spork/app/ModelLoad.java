package io.spork.app;

import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import io.spork.topology.Opening;
import io.spork.topology.StartupLog;
import java.util.function.Supplier;

/**
 * The model, opened on its own thread while the instance checks its topics and starts the index
 * stage, which needs no model: a restart then waits for the model and the index's segments at
 * the same time instead of one after the other.
 */
final class ModelLoad implements Supplier<SpladeEncoder>, AutoCloseable {
    /** ONNX Runtime wants a large stack on the thread that first touches it. */
    private static final long STACK_BYTES = 8L << 20;

    private final Opening<SpladeEncoder> encoder;

    private ModelLoad(Opening<SpladeEncoder> encoder) {
        this.encoder = encoder;
    }

    static ModelLoad started(EncoderSettings settings) {
        return new ModelLoad(Opening.onThread("spork-model-load", STACK_BYTES, () -> {
            SpladeEncoder opened = SpladeEncoder.open(settings);
            StartupLog.reached("model loaded");
            return opened;
        }));
    }

    /** Waits for the model; a failure to open it is thrown here as it was thrown there. */
    @Override
    public SpladeEncoder get() {
        return encoder.await();
    }

    /** Closes the model once it is open (waiting for it if it is still loading); nothing when it failed. */
    @Override
    public void close() {
        try {
            encoder.await();
        } catch (RuntimeException | Error failed) {
            return;
        }
        encoder.openedOrNull().close();
    }
}
