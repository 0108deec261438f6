package io.spork.topology;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * A task's indexes, opened from its stores off the stream thread: Kafka Streams initializes a
 * thread's tasks one after another, so opening them inline made a restart wait for the sum of
 * every partition's segment load. Here the stream thread starts each opening and moves on; the
 * openings run side by side, and a task waits for its own only when it first needs it.
 * (Reading the stores from another thread is what interactive queries do too.)
 */
final class PartitionOpening<T> {
    private static final ExecutorService OPENERS = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "spork-partition-open");
        t.setDaemon(true);
        return t;
    });

    private final CompletableFuture<T> opened;

    private PartitionOpening(CompletableFuture<T> opened) {
        this.opened = opened;
    }

    static <T> PartitionOpening<T> started(Supplier<T> open) {
        return new PartitionOpening<>(CompletableFuture.supplyAsync(open, OPENERS));
    }

    boolean isDone() {
        return opened.isDone();
    }

    /** Waits for the opening; its failure is thrown here as it was thrown there. */
    T await() {
        try {
            return opened.join();
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
}
