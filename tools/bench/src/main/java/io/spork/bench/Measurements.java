package io.spork.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Small measuring helpers of the benchmarks: heap after GC, bytes on disk. */
final class Measurements {
    private Measurements() {
    }

    /** Heap in use after full collections (a few, until it stops shrinking). */
    static long heapUsedAfterGc() {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (used >= best) {
                return best;
            }
            best = used;
        }
        return best;
    }

    /**
     * Bytes of the live objects in the heap: the total of a class histogram (what {@code jcmd PID
     * GC.class_histogram} prints, after a full collection). Unlike the heap's used bytes it holds
     * no space of the collector's own, which at 1M documents and more was a quarter above it.
     */
    static long liveObjectBytes() {
        try {
            javax.management.ObjectName name = new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand");
            String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(name, "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] lines = histogram.strip().split("\n");
            String[] total = lines[lines.length - 1].trim().split("\\s+");
            if (!total[0].equals("Total")) {
                throw new IllegalStateException("a class histogram without its Total line: " + lines[lines.length - 1]);
            }
            return Long.parseLong(total[total.length - 1]);
        } catch (javax.management.JMException e) {
            throw new IllegalStateException("cannot take a class histogram: " + e.getMessage(), e);
        }
    }

    /**
     * Bytes on disk once RocksDB's background flushes and compactions have settled: the size is read
     * every half second until two readings agree (at most a minute), as a node's disk is between writes.
     */
    static long settledBytesOnDisk(Path dir) {
        long last = bytesOnDisk(dir);
        for (int i = 0; i < 120; i++) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            long now = bytesOnDisk(dir);
            if (now == last) {
                return now;
            }
            last = now;
        }
        return last;
    }

    static long bytesOnDisk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0L; // a file RocksDB removed meanwhile
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + dir, e);
        }
    }

    static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
