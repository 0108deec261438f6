package io.spork.bench;

import io.spork.schema.SparseVector;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.Version;

/**
 * The Lucene peer in a child JVM ({@link LucenePeerProcess} starts it): it draws the query
 * benchmark's corpus again from the same options, builds the same {@link LuceneFeatureIndex}
 * (force-merged to one segment) with whatever Lucene is on its classpath, and answers the parent
 * over its standard input and output, one line each:
 * <pre>
 * (at start)                  ready BUILD_NANOS DISK_BYTES SEGMENTS FINGERPRINT LUCENE_VERSION JVM...
 * warmup CONFIG...            ok            (the warm-up queries, once per configuration)
 * block CONFIG FROM TO        NANOS DOC DOC ... per query FROM..TO-1 of the measured ones
 * quit                        (exits)
 * </pre>
 * CONFIG is a {@link LuceneFeatureIndex#search(SparseVector, int, String)} configuration name.
 * Written only against API that Lucene 9.12 and 10 share, so it is compiled for Java 17 against
 * 9.12 and runs on a newer JVM against Lucene 10.
 */
public final class LucenePeerChild {
    private LucenePeerChild() {
    }

    /** Options as {@code --name value} pairs: docs, queries, warmup, k, shape, seed, dir, and optionally stats, topics-from. */
    public static void main(String[] args) throws IOException {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int docs = Integer.parseInt(options.get("docs"));
        int queries = Integer.parseInt(options.get("queries"));
        int warmup = Integer.parseInt(options.get("warmup"));
        int k = Integer.parseInt(options.get("k"));
        long seed = Long.parseLong(options.get("seed"));
        SpladeStats stats = options.containsKey("stats") ? SpladeStats.read(Path.of(options.get("stats"))) : SpladeStats.bundled();
        Path topics = options.containsKey("topics-from") ? Path.of(options.get("topics-from")) : null;
        BenchCorpus corpus = BenchCorpus.drawn(stats, CorpusShape.parse(options.get("shape")), seed, topics);
        Path dir = Path.of(options.get("dir"));

        long started = System.nanoTime();
        try (LuceneFeatureIndex lucene = LuceneFeatureIndex.build(dir, corpus, docs)) {
            long buildNanos = System.nanoTime() - started;
            protocol.printf("ready %d %d %d %d %s %s %s%n", buildNanos, Measurements.bytesOnDisk(dir), lucene.segments(),
                    BenchCorpus.fingerprint(corpus, LucenePeerProcess.FINGERPRINT_DOCS, queries + warmup), Version.LATEST,
                    System.getProperty("java.vm.name").replace(' ', '_'), System.getProperty("java.version"));
            serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), protocol, lucene, corpus, queries,
                    warmup, k);
        } catch (UncheckedIOException e) {
            protocol.println("error " + e.getMessage());
            throw e;
        }
    }

    static void serve(BufferedReader in, PrintStream out, LuceneFeatureIndex lucene, BenchCorpus corpus, int queries, int warmup,
                      int k) throws IOException {
        List<SparseVector> measured = new java.util.ArrayList<>(queries);
        for (int j = 0; j < queries; j++) {
            measured.add(corpus.query(j));
        }
        for (String line; (line = in.readLine()) != null; ) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "warmup" -> {
                    for (int c = 1; c < words.length; c++) {
                        for (int j = 0; j < warmup; j++) {
                            lucene.search(corpus.query(queries + j), k, words[c]);
                        }
                    }
                    out.println("ok");
                }
                case "block" -> {
                    int from = Integer.parseInt(words[2]);
                    int to = Integer.parseInt(words[3]);
                    StringBuilder answer = new StringBuilder();
                    for (int j = from; j < to; j++) {
                        SparseVector q = measured.get(j);
                        long t0 = System.nanoTime();
                        long[] hits = lucene.search(q, k, words[1]);
                        long nanos = System.nanoTime() - t0;
                        answer.setLength(0);
                        answer.append(nanos);
                        for (long hit : hits) {
                            answer.append(' ').append(hit);
                        }
                        out.println(answer);
                    }
                }
                case "quit" -> {
                    return;
                }
                default -> throw new IllegalArgumentException("unknown command from the parent: " + line);
            }
        }
    }
}
