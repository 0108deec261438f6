package io.spork.encoder;

import java.util.concurrent.atomic.AtomicLong;

/** Running totals of the encoder, for /stats and the metrics. */
public final class EncoderStats {
    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong windows = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    void recordBatch(int windowCount) {
        batches.incrementAndGet();
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

    public long busyNanos() {
        return nanos.get();
    }

    /** Documents per second of encoder busy time. */
    public double documentsPerSecond() {
        long n = nanos.get();
        return n == 0 ? 0 : documents.get() / (n / 1e9);
    }
}
