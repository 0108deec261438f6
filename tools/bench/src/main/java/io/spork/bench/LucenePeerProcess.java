package io.spork.bench;

import io.spork.files.DirectoryTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The parent's side of the Lucene peer in a child JVM ({@link LucenePeerChild}): Lucene 10 needs Java
 * 21+, the build ships for 17, so the benchmark starts the child on the Temurin JDK with the Lucene 10
 * jar (copied by Maven into tools/bench/target/lucene10) in place of 9.12 on its classpath. The child
 * draws the same corpus from the same options (checked by a fingerprint of documents and queries),
 * builds its index, and times the blocks of queries the parent asks for.
 */
final class LucenePeerProcess implements AutoCloseable {
    /** Documents hashed into the fingerprint that both processes compute. */
    static final int FINGERPRINT_DOCS = 2000;
    /** The JDK the child runs on unless {@code spork.bench.peer-jdk} names another. */
    static final Path TEMURIN = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    /** How to start the child: its java executable and its classpath. */
    record Launch(Path java, String classpath) {
    }

    private final Process process;
    private final BufferedReader from;
    private final PrintStream to;
    private final long buildNanos;
    private final long diskBytes;
    private final int segments;
    private final long fingerprint;
    private final String luceneVersion;
    private final String jvm;

    private LucenePeerProcess(Process process) throws IOException {
        this.process = process;
        this.from = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.to = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String[] ready = expect("ready").split(" ", 8);
        this.buildNanos = Long.parseLong(ready[1]);
        this.diskBytes = Long.parseLong(ready[2]);
        this.segments = Integer.parseInt(ready[3]);
        this.fingerprint = Long.parseLong(ready[4]);
        this.luceneVersion = ready[5];
        this.jvm = ready[6].replace('_', ' ') + " " + ready[7];
    }

    /**
     * The Temurin launch, or null with the reason printed when its JDK or the Lucene 10 jar is absent.
     *
     * @param sporkHome the checkout (tools/bench/target/lucene10 holds the jar)
     * @param parentClasspath this JVM's classpath: its Lucene jars are left out of the child's
     */
    static Launch temurin(Path sporkHome, String parentClasspath, PrintStream out) {
        Path jdk = Path.of(System.getProperty("spork.bench.peer-jdk", TEMURIN.toString()));
        Path java = jdk.resolve("bin/java");
        Path jars = sporkHome.resolve("tools/bench/target/lucene10");
        if (!Files.isExecutable(java)) {
            out.printf("lucene 10 peer: not measured: no JDK at %s (only Lucene 9.12 on this JVM is measured)%n", jdk);
            return null;
        }
        List<String> lucene10;
        try (Stream<Path> files = Files.list(jars)) {
            lucene10 = files.map(p -> p.getFileName().toString()).filter(name -> name.startsWith("lucene-core-") && name.endsWith(".jar"))
                    .max(Comparator.comparing(LucenePeerProcess::versionOf)).map(name -> List.of(jars.resolve(name).toString()))
                    .orElse(List.of());
        } catch (IOException e) {
            lucene10 = List.of();
        }
        if (lucene10.isEmpty()) {
            out.printf("lucene 10 peer: not measured: no Lucene 10 jar in %s (mvn package copies it there)%n", jars);
            return null;
        }
        return new Launch(java, childClasspath(parentClasspath, lucene10));
    }

    /** lucene-core-10.6.0.jar -> "0010.0006.0000", so that the newest of several copied jars sorts last. */
    static String versionOf(String jarName) {
        StringBuilder key = new StringBuilder();
        for (String part : jarName.replace("lucene-core-", "").replace(".jar", "").split("\\.")) {
            key.append(String.format("%4s.", part).replace(' ', '0'));
        }
        return key.toString();
    }

    /** The parent's classpath with every Lucene jar replaced by the given ones. */
    static String childClasspath(String parentClasspath, List<String> luceneJars) {
        List<String> entries = new ArrayList<>(luceneJars);
        for (String entry : parentClasspath.split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).getFileName().toString().startsWith("lucene-")) {
                entries.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** Starts the child on the benchmark's options and waits until its index is built. */
    static LucenePeerProcess start(Launch launch, QueryBenchmark.Options options, Path dir) {
        List<String> command = new ArrayList<>(List.of(launch.java().toString(), "-Xmx2g", "-Xss4m", "-XX:+IgnoreUnrecognizedVMOptions",
                // Lucene 10 decodes postings with the Vector API when it may read it: its best on this JVM.
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-cp", launch.classpath(), LucenePeerChild.class.getName(),
                "--docs", Integer.toString(options.docs()), "--queries", Integer.toString(options.queries()),
                "--warmup", Integer.toString(options.warmup()), "--k", Integer.toString(options.k()),
                "--shape", options.shape().name().toLowerCase(java.util.Locale.ROOT), "--seed", Long.toString(options.seed()),
                "--dir", dir.toString()));
        if (options.statsFile() != null) {
            command.addAll(List.of("--stats", options.statsFile().toString()));
        }
        if (options.topicsFrom() != null) {
            command.addAll(List.of("--topics-from", options.topicsFrom().toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OPT_OUT_TRACKING", "true");
        builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
        try {
            return new LucenePeerProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Lucene peer " + command, e);
        }
    }

    /** Starts the child in {@code dir} (emptied first), checks that it drew the same corpus, and prints what it built. */
    static LucenePeerProcess startChecked(Launch launch, QueryBenchmark.Options options, Path dir, BenchCorpus corpus, int allQueries,
                                          PrintStream out) {
        DirectoryTree.delete(dir);
        LucenePeerProcess peer = start(launch, options, dir);
        long expected = BenchCorpus.fingerprint(corpus, FINGERPRINT_DOCS, allQueries);
        if (peer.fingerprint() != expected) {
            peer.close();
            throw new IllegalStateException("the Lucene 10 child drew another corpus (fingerprint " + peer.fingerprint() + ", here " + expected + ")");
        }
        out.printf("lucene %s load in the child JVM (%s; IndexWriter, one thread, force-merged to %d segment): %.1f s (%.0f documents/s),"
                        + " on disk %s; corpus fingerprint equal to this JVM's%n", peer.luceneVersion(), peer.jvm(), peer.segments(),
                peer.buildSeconds(), options.docs() / peer.buildSeconds(), Measurements.mib(peer.diskBytes()));
        return peer;
    }

    /** Runs the warm-up queries on each configuration. */
    void warmup(List<String> configurations) {
        to.println("warmup " + String.join(" ", configurations));
        expect("ok");
    }

    /** A searcher of measured queries in one configuration, timed by the child. */
    InterleavedTiming.BlockSearcher searcher(String configuration) {
        return (fromQuery, toQuery) -> {
            to.printf("block %s %d %d%n", configuration, fromQuery, toQuery);
            List<InterleavedTiming.Timed> answers = new ArrayList<>(toQuery - fromQuery);
            for (int j = fromQuery; j < toQuery; j++) {
                String[] words = readLine().split(" ");
                List<String> ids = new ArrayList<>(words.length - 1);
                for (int w = 1; w < words.length; w++) {
                    ids.add(SyntheticCorpus.documentId(Long.parseLong(words[w])));
                }
                answers.add(new InterleavedTiming.Timed(ids, Long.parseLong(words[0])));
            }
            return answers;
        };
    }

    private String expect(String word) {
        String line = readLine();
        if (!line.equals(word) && !line.startsWith(word + " ")) {
            throw new IllegalStateException("the Lucene peer answered '" + line + "', expected " + word);
        }
        return line;
    }

    private String readLine() {
        try {
            String line = from.readLine();
            if (line == null) {
                throw new IllegalStateException("the Lucene peer exited (code " + process.waitFor() + "); its stderr is above");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    double buildSeconds() {
        return buildNanos / 1e9;
    }

    long diskBytes() {
        return diskBytes;
    }

    int segments() {
        return segments;
    }

    long fingerprint() {
        return fingerprint;
    }

    String luceneVersion() {
        return luceneVersion;
    }

    String jvm() {
        return jvm;
    }

    @Override
    public void close() {
        to.println("quit");
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
