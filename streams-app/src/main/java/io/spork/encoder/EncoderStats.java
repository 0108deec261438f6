package io.spork.encoder;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of the encoder, for /stats, the metrics and the ingest benchmark's profile. */
public final class EncoderStats {
    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong windows = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong runNanos = new AtomicLong();
    private final AtomicLong tokens = new AtomicLong();
    private final AtomicLong paddedTokens = new AtomicLong();

    /** One model run: its rows' real tokens, rows x longest row, and the time inside ONNX Runtime. */
    void recordRun(long realTokens, long padded, long elapsedNanos) {
        batches.incrementAndGet();
        tokens.addAndGet(realTokens);
        paddedTokens.addAndGet(padded);
        runNanos.addAndGet(elapsedNanos);
    }

    void recordDocuments(int documentCount, int windowCount, long elapsedNanos) {
        documents.addAndGet(documentCount);
        windows.addAndGet(windowCount);
        nanos.addAndGet(elapsedNanos);
    }

    public long documents() {
        return documents.get();
    }

    public long windows() {
        return windows.get();
    }

    public long modelRuns() {
        return batches.get();
    }

    /** Time spent encoding (model runs, input building and pooling). */
    public long busyNanos() {
        return nanos.get();
    }

    /** Time spent inside ONNX Runtime's session runs only. */
    public long runNanos() {
        return runNanos.get();
    }

    /** Tokens of the windows run (special tokens included, padding not). */
    public long tokens() {
        return tokens.get();
    }

    /** Tokens the model computed: rows x longest window, summed over the runs. */
    public long paddedTokens() {
        return paddedTokens.get();
    }

    /** Documents per second of encoder busy time. */
    public double documentsPerSecond() {
        long n = nanos.get();
        return n == 0 ? 0 : documents.get() / (n / 1e9);
    }
}
