package io.spork.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Lucene configuration timed beside Spork (Lucene 9.12 in the benchmark's JVM, Lucene 10 in the
 * child, each with and without dynamic pruning), and which of them was fastest: the headline
 * {@code ratio_vs_lucene} divides Spork's QPS by the best one's.
 */
final class LuceneComparison {
    /** One configuration: what it was (Lucene version, JVM, collector) and how it ran. */
    record Measured(String label, InterleavedTiming.Run run) {
    }

    private final List<Measured> measured = new ArrayList<>();

    void add(String label, InterleavedTiming.Run run) {
        measured.add(new Measured(label, run));
    }

    Measured best() {
        Measured best = null;
        for (Measured m : measured) {
            if (best == null || m.run().qps() > best.run().qps()) {
                best = m;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no Lucene configuration was measured");
        }
        return best;
    }

    /** Prints Spork's ratio against each configuration, then the best one. */
    void report(double sporkQps, PrintStream out) {
        StringBuilder each = new StringBuilder("ratio against each lucene configuration:");
        for (int i = 0; i < measured.size(); i++) {
            Measured m = measured.get(i);
            each.append(i == 0 ? " " : "; ").append(String.format("%.2f (%s)", sporkQps / m.run().qps(), m.label()));
        }
        out.println(each);
        Measured best = best();
        out.printf("best lucene: %s, qps %.1f, latency p50 %.2f ms, p99 %.2f ms%n", best.label(), best.run().qps(),
                best.run().p50Nanos() / 1e6, best.run().p99Nanos() / 1e6);
    }
}
