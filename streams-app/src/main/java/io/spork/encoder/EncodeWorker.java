package io.spork.encoder;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the model on encode batches on threads of its own, beside the stream threads, so that
 * while a batch encodes the stream thread keeps polling, indexing, committing and forming the next
 * batch. The batches queued when a model thread becomes free run together (up to
 * {@code poolTokens}), their windows sorted by length across them, which pads less than each batch
 * alone.
 *
 * <p>{@link EncoderSettings#modelThreads} model threads take batches side by side (one by
 * default, its runs over every core). Measured on 2 cores (bench ingest): two model threads of one
 * intra-op thread each gave the same ingest throughput as one of two, 135 microseconds per padded
 * token either way against 65-70 in the plain loop; the cores went to Kafka, RocksDB, the stream
 * threads and padding, not to waiting between intra-op threads.
 *
 * <p>A batch the model fails on is retried text by text, so one text it cannot encode fails alone
 * (its outcome carries the error); nothing else is lost. Results are only values: the caller sends
 * them, on its own thread (Kafka Streams forwards only from the stream thread).
 */
public final class EncodeWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EncodeWorker.class);
    /** ONNX Runtime crashes on thread stacks of 2 MiB or less. */
    private static final long STACK_BYTES = 8L * 1024 * 1024;
    private static final long JOIN_MS = 30_000;

    /** The vector of one text, or why it could not be encoded. */
    public record Outcome(SparseVector vector, String error) {
    }

    /** The outcomes of one batch, in order, and the model time of the run it was part of. */
    public record Result(List<Outcome> outcomes, long modelNanos) {
    }

    private record Request(List<WindowedText> texts, int tokens, CompletableFuture<Result> done) {
    }

    private final SpladeEncoder encoder;
    private final int poolTokens;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    private EncodeWorker(SpladeEncoder encoder, int poolTokens, int threadCount) {
        this.encoder = encoder;
        this.poolTokens = poolTokens;
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(null, this::loop, "spork-encoder-" + i, STACK_BYTES);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
    }

    /** A worker with threadCount model threads; batches queued together run together up to poolTokens. */
    public static EncodeWorker started(SpladeEncoder encoder, int poolTokens, int threadCount) {
        if (threadCount < 1) {
            throw new IllegalArgumentException("an encode worker needs at least one model thread, not " + threadCount);
        }
        return new EncodeWorker(encoder, poolTokens, threadCount);
    }

    /** A worker that runs each batch at once on the submitting thread (for TopologyTestDriver tests and tools). */
    public static EncodeWorker inline(SpladeEncoder encoder) {
        return new EncodeWorker(encoder, 0, 0);
    }

    public SpladeEncoder encoder() {
        return encoder;
    }

    /** Queues a batch; the future completes when the model has run over it. */
    public CompletableFuture<Result> submit(List<WindowedText> texts) {
        int tokens = 0;
        for (WindowedText t : texts) {
            tokens += t.tokens();
        }
        Request request = new Request(List.copyOf(texts), tokens, new CompletableFuture<>());
        if (threads.isEmpty()) {
            run(List.of(request));
        } else if (closed) {
            request.done().completeExceptionally(new IllegalStateException("the encoder worker is closed"));
        } else {
            queue.add(request);
        }
        return request.done();
    }

    private void loop() {
        while (!closed) {
            Request first;
            try {
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                continue;
            }
            List<Request> pool = new ArrayList<>();
            pool.add(first);
            int tokens = first.tokens();
            // Each model thread pools only its share, so one does not take all that is queued while
            // another waits; another thread may take the head between peek and poll.
            int share = poolTokens / threads.size();
            for (Request next; (next = queue.peek()) != null && tokens + next.tokens() <= share; ) {
                Request taken = queue.poll();
                if (taken == null) {
                    break;
                }
                pool.add(taken);
                tokens += taken.tokens();
            }
            run(pool);
        }
        for (Request left; (left = queue.poll()) != null; ) {
            left.done().completeExceptionally(new IllegalStateException("the encoder worker was closed"));
        }
    }

    private void run(List<Request> pool) {
        try {
            List<WindowedText> all = new ArrayList<>();
            pool.forEach(r -> all.addAll(r.texts()));
            long started = System.nanoTime();
            List<Outcome> outcomes = encodeOrRetry(all);
            long nanos = System.nanoTime() - started;
            int from = 0;
            for (Request r : pool) {
                r.done().complete(new Result(outcomes.subList(from, from + r.texts().size()), nanos));
                from += r.texts().size();
            }
        } catch (Throwable t) {
            LOG.error("the encoder worker failed on a batch", t);
            pool.forEach(r -> r.done().completeExceptionally(t));
        }
    }

    private List<Outcome> encodeOrRetry(List<WindowedText> texts) {
        List<Outcome> outcomes = new ArrayList<>(texts.size());
        try {
            encoder.encodeWindowed(texts).forEach(v -> outcomes.add(new Outcome(v, null)));
            return outcomes;
        } catch (RuntimeException e) {
            if (texts.size() == 1) {
                return List.of(new Outcome(null, "encoding failed: " + e.getMessage()));
            }
            LOG.warn("encoding a batch of {} documents failed ({}); retrying them one by one", texts.size(), e.getMessage());
        }
        for (WindowedText text : texts) {
            outcomes.addAll(encodeOrRetry(List.of(text)));
        }
        return outcomes;
    }

    /** Stops the model threads after the batches they are running; batches still queued fail. */
    @Override
    public void close() {
        closed = true;
        long deadline = System.currentTimeMillis() + JOIN_MS;
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
