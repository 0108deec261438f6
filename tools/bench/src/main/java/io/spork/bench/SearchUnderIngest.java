package io.spork.bench;

import io.spork.measure.LatencyHistogram;
import io.spork.schema.SparseVector;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The query benchmark's phase with a concurrent writer ({@code search_p99_under_ingest_ratio}). */
final class SearchUnderIngest {
    private SearchUnderIngest() {
    }

    /**
     * The same queries twice more, alone and then while one writer thread replaces the corpus's
     * documents (new vectors for the ids already indexed, in order) as fast as it can: the
     * partition's one writer, so seals, dead postings and merges happen as in a task. Replacing
     * rather than adding keeps the index the size it had in the idle pass (adding at ~15,000/s
     * nearly doubled a 1M index during the phase, so the ratio measured growth, not contention).
     * The line is the p99 under ingest over the p99 of the idle pass just before it.
     */
    static void run(SporkBenchIndex spork, BenchCorpus corpus, int docs, List<SparseVector> queries, int k, PrintStream out) {
        long idleP99Nanos = LatencyHistogram.ofNanos(latencies(spork, queries, k)).percentileNanos(99);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> {
            long n = 0;
            while (!stop.get()) {
                long id = n % docs;
                spork.writer().upsert(SporkBenchIndex.record(id, corpus.document(n)));
                spork.commitIfDue();
                n++;
                written.incrementAndGet();
            }
        }, "bench-writer");
        ThreadCpu cpu = new ThreadCpu();
        long[] gcBefore = gcCounts();
        long started = System.nanoTime();
        writer.start();
        long[] latencies = latencies(spork, queries, k);
        // Before the writer stops: a thread that ended is not counted.
        String cpuLine = cpu.since();
        String gcLine = gcSince(gcBefore);
        stop.set(true);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("under ingest, CPU: %s%n", cpuLine);
        out.printf("under ingest, GC: %s%n", gcLine);
        LatencyHistogram underIngest = LatencyHistogram.ofNanos(latencies);
        long p99 = underIngest.percentileNanos(99);
        out.printf("under ingest: one writer replaced %d documents (%.0f/s, new vectors for indexed ids) while the queries ran; search p50 %.2f ms, p99 %.2f ms (idle pass just before: p99 %.2f ms)%n",
                written.get(), written.get() / seconds, underIngest.percentileNanos(50) / 1e6, p99 / 1e6, idleP99Nanos / 1e6);
        out.printf("search_p99_under_ingest_ratio: %.2f%n", (double) p99 / idleP99Nanos);
    }

    /** Per collector: collections and their accumulated milliseconds so far. */
    private static long[] gcCounts() {
        List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        long[] counts = new long[2 * beans.size()];
        for (int b = 0; b < beans.size(); b++) {
            counts[2 * b] = beans.get(b).getCollectionCount();
            counts[2 * b + 1] = beans.get(b).getCollectionTime();
        }
        return counts;
    }

    private static String gcSince(long[] before) {
        List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        long[] now = gcCounts();
        StringBuilder line = new StringBuilder();
        for (int b = 0; b < beans.size(); b++) {
            line.append(String.format("%s%s %d collections, %d ms", b == 0 ? "" : "; ", beans.get(b).getName(),
                    now[2 * b] - before[2 * b], now[2 * b + 1] - before[2 * b + 1]));
        }
        return line.toString();
    }

    private static long[] latencies(SporkBenchIndex spork, List<SparseVector> queries, int k) {
        long[] latencies = new long[queries.size()];
        for (int j = 0; j < queries.size(); j++) {
            long t0 = System.nanoTime();
            spork.search(queries.get(j), k);
            latencies[j] = System.nanoTime() - t0;
        }
        return latencies;
    }
}
