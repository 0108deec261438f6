package io.spork.bench;

import io.spork.measure.LatencyHistogram;
import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.List;

/**
 * Times several searchers on the same queries, one thread, in blocks of {@value #BLOCK} queries
 * taken in turn (block 1 on each, block 2 on each, ...), so that load from other processes on the
 * machine falls on all of them alike. QPS = queries / the sum of their latencies. A searcher runs a
 * whole block and reports each query's latency, so one in another process (the Lucene 10 child)
 * times its queries itself and the pipe's round trip is not counted.
 */
final class InterleavedTiming {
    /** Queries per block when the systems take turns. */
    static final int BLOCK = 10;

    /** One query's answer: the hit ids, best first, and how long the search took. */
    record Timed(List<String> ids, long nanos) {
    }

    /** Searches queries {@code from..to-1} of the measured list, in order. */
    interface BlockSearcher {
        List<Timed> search(int from, int to);
    }

    /** What one searcher did on the measured queries. */
    record Run(double qps, long p50Nanos, long p99Nanos, List<List<String>> hits) {
    }

    /** A searcher of one query at a time in this JVM; each call is timed here. */
    interface Searcher {
        List<String> search(SparseVector query);
    }

    private InterleavedTiming() {
    }

    /** A block searcher that times each of {@code queries} through {@code searcher} in this JVM. */
    static BlockSearcher inProcess(List<SparseVector> queries, Searcher searcher) {
        return (from, to) -> {
            List<Timed> answers = new ArrayList<>(to - from);
            for (int j = from; j < to; j++) {
                long t0 = System.nanoTime();
                List<String> ids = searcher.search(queries.get(j));
                answers.add(new Timed(ids, System.nanoTime() - t0));
            }
            return answers;
        };
    }

    static List<Run> measure(int queries, List<BlockSearcher> searchers) {
        long[][] latencies = new long[searchers.size()][queries];
        List<List<List<String>>> hits = new ArrayList<>();
        for (int s = 0; s < searchers.size(); s++) {
            hits.add(new ArrayList<>(queries));
        }
        for (int from = 0; from < queries; from += BLOCK) {
            int to = Math.min(queries, from + BLOCK);
            for (int s = 0; s < searchers.size(); s++) {
                List<Timed> answers = searchers.get(s).search(from, to);
                if (answers.size() != to - from) {
                    throw new IllegalStateException("searcher " + s + " answered " + answers.size() + " of queries " + from + ".." + (to - 1));
                }
                for (int j = from; j < to; j++) {
                    Timed answer = answers.get(j - from);
                    latencies[s][j] = answer.nanos();
                    hits.get(s).add(answer.ids());
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        for (int s = 0; s < searchers.size(); s++) {
            long total = 0;
            for (long l : latencies[s]) {
                total += l;
            }
            LatencyHistogram h = LatencyHistogram.ofNanos(latencies[s]);
            runs.add(new Run(queries / (total / 1e9), h.percentileNanos(50), h.percentileNanos(99), hits.get(s)));
        }
        return runs;
    }
}
