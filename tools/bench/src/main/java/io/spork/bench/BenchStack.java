package io.spork.bench;

import io.spork.app.DevStack;
import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.files.DirectoryTree;
import io.spork.topology.TopologyObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A fresh embedded stack in a temporary directory for the ingest benchmarks, with a clock on
 * every document: the time it was sent, and the time it became searchable (told by the topology
 * the moment the index has it).
 */
final class BenchStack implements AutoCloseable {
    private final Path dir;
    private final DevStack stack;
    private final Map<String, Long> sentNanos = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Double> latenciesMs = new ConcurrentLinkedQueue<>();

    BenchStack(SporkConfig base) {
        try {
            dir = Files.createTempDirectory("spork-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TopologyObserver clock = new TopologyObserver() {
            @Override
            public void indexed(String id, long eventTimeMs) {
                Long sent = sentNanos.remove(id);
                if (sent != null) {
                    latenciesMs.add((System.nanoTime() - sent) / 1e6);
                }
            }
        };
        SporkConfig config = base.with(HttpSettings.PORT, "0");
        stack = DevStack.start(config, dir, clock);
    }

    DevStack stack() {
        return stack;
    }

    String baseUrl() {
        return stack.node().baseUrl();
    }

    void sent(String id) {
        sentNanos.put(id, System.nanoTime());
    }

    /** Documents sent and not yet searchable. */
    int inFlight() {
        return sentNanos.size();
    }

    /** Produce-to-searchable latencies so far (and forgets them). */
    double[] drainLatenciesMs() {
        double[] out = latenciesMs.stream().mapToDouble(Double::doubleValue).toArray();
        latenciesMs.clear();
        return out;
    }

    long indexedDocuments() {
        return stack.node().streams().indexes().documentCount();
    }

    @Override
    public void close() {
        stack.close();
        try {
            DirectoryTree.delete(dir);
        } catch (UncheckedIOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
