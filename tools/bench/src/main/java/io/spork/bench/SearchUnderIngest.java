package io.spork.bench;

import io.spork.measure.LatencyHistogram;
import io.spork.schema.SparseVector;
import java.io.PrintStream;
import java.util.List;

/** The query benchmark's phase with a concurrent writer ({@code search_p99_under_ingest_ratio}). */
final class SearchUnderIngest {
    private SearchUnderIngest() {
    }

    /**
     * The same queries again while one writer thread adds new documents to the index as fast as
     * it can (the partition's one writer: seals and merges happen as in a task); the line is the
     * p99 under ingest over the idle p99 of the interleaved run.
     */
    static void run(SporkBenchIndex spork, BenchCorpus corpus, int docs, List<SparseVector> queries, int k, long idleP99Nanos, PrintStream out) {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        Thread writer = new Thread(() -> {
            long n = docs;
            while (!stop.get()) {
                spork.writer().upsert(SporkBenchIndex.record(n, corpus.document(n)));
                n++;
                written.incrementAndGet();
            }
        }, "bench-writer");
        long started = System.nanoTime();
        writer.start();
        long[] latencies = new long[queries.size()];
        for (int j = 0; j < queries.size(); j++) {
            long t0 = System.nanoTime();
            spork.search(queries.get(j), k);
            latencies[j] = System.nanoTime() - t0;
        }
        stop.set(true);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LatencyHistogram underIngest = LatencyHistogram.ofNanos(latencies);
        long p99 = underIngest.percentileNanos(99);
        out.printf("under ingest: one writer added %d documents (%.0f/s) while the queries ran; search p50 %.2f ms, p99 %.2f ms (idle p99 %.2f ms)%n",
                written.get(), written.get() / seconds, underIngest.percentileNanos(50) / 1e6, p99 / 1e6, idleP99Nanos / 1e6);
        out.printf("search_p99_under_ingest_ratio: %.2f%n", (double) p99 / idleP99Nanos);
    }
}
