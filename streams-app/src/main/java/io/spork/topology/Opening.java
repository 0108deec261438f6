package io.spork.topology;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Something opened on another thread while the caller goes on with its start: a task's indexes
 * read from its stores (Kafka Streams initializes a thread's tasks one after another, so opening
 * them inline made a restart wait for the sum of every partition's load; here the openings run
 * side by side, and a task waits for its own only when it first needs it; reading stores from
 * another thread is what interactive queries do too), or the model while the index stage starts.
 */
public final class Opening<T> {
    private static final ExecutorService PARTITION_OPENERS = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "spork-partition-open");
        t.setDaemon(true);
        return t;
    });

    private final CompletableFuture<T> opened;

    private Opening(CompletableFuture<T> opened) {
        this.opened = opened;
    }

    /** Opens a partition's indexes on the shared pool of partition openers. */
    static <T> Opening<T> ofPartition(Supplier<T> open) {
        return new Opening<>(CompletableFuture.supplyAsync(open, PARTITION_OPENERS));
    }

    /** Opens on a thread of its own, with this stack size (ONNX Runtime wants a large one). */
    public static <T> Opening<T> onThread(String name, long stackBytes, Supplier<T> open) {
        CompletableFuture<T> opened = new CompletableFuture<>();
        Thread thread = new Thread(null, () -> {
            try {
                opened.complete(open.get());
            } catch (Throwable e) {
                opened.completeExceptionally(e);
            }
        }, name, stackBytes);
        thread.setDaemon(true);
        thread.start();
        return new Opening<>(opened);
    }

    public boolean isDone() {
        return opened.isDone();
    }

    /** Waits for the opening; its failure is thrown here as it was thrown there. */
    public T await() {
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

    /** What was opened, once done and successful; else null. */
    public T openedOrNull() {
        return opened.isDone() && !opened.isCompletedExceptionally() ? opened.join() : null;
    }
}
