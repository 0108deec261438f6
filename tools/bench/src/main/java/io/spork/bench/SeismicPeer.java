package io.spork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import io.spork.schema.SparseVector;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Seismic (PyPI {@code pyseismic-lsr}, an approximate index for learned sparse vectors) as a peer of
 * the query benchmark: the same documents and queries are written to files, {@code seismic_peer.py}
 * builds one index and times each search configuration on one thread, and each configuration's
 * recall@k is measured against Spork's exact top-k. The reported configuration is the fastest one
 * at recall >= {@value #RECALL}. The Python environment (src/main/python/seismic-requirements.txt,
 * pinned) is created under tools/bench/target/seismic-venv on first use.
 */
final class SeismicPeer {
    static final double RECALL = 0.99;
    /** query_cut:heap_factor pairs tried, from fastest to most thorough. */
    static final String CONFIGS = "10:0.8,10:0.9,20:0.8,20:0.9,20:1.0,30:0.9,30:1.0,50:1.0";

    /** One configuration's speed and recall. */
    record Config(int queryCut, double heapFactor, double qps, double recall) {
    }

    private SeismicPeer() {
    }

    /** Seismic's inverted lists keep about this many postings each (its static pruning); more lists, higher recall. */
    static int postingsPerList(int docs) {
        return Math.max(3500, docs / 20);
    }

    static List<Config> run(Path dir, BenchCorpus corpus, int docs, List<SparseVector> queries, List<SparseVector> warmup,
                            List<List<String>> exact, int k, java.io.PrintStream log) {
        Path module = Path.of(System.getProperty("spork.home", ".")).resolve("tools/bench");
        Path python = ensureVenv(module);
        Path work = dir.resolve("seismic");
        try {
            Files.createDirectories(work);
            write(work.resolve("docs.bin"), docs, corpus::document);
            write(work.resolve("queries.bin"), queries.size(), j -> queries.get((int) j));
            write(work.resolve("warmup.bin"), warmup.size(), j -> warmup.get((int) j));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Seismic's input to " + work, e);
        }
        Path results = work.resolve("results.jsonl");
        run(List.of(python.toString(), module.resolve("src/main/python/seismic_peer.py").toString(),
                "--docs", work.resolve("docs.bin").toString(), "--queries", work.resolve("queries.bin").toString(),
                "--warmup", work.resolve("warmup.bin").toString(), "--out", results.toString(), "--k", Integer.toString(k),
                "--n-postings", Integer.toString(postingsPerList(docs)), "--configs", CONFIGS), log, 60);
        List<Config> configs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(results, StandardCharsets.UTF_8)) {
                JsonNode node = JsonSerde.MAPPER.readTree(line);
                configs.add(new Config(node.get("query_cut").asInt(), node.get("heap_factor").asDouble(), node.get("qps").asDouble(),
                        recall(node.get("hits"), exact, k)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Seismic's results " + results, e);
        }
        return configs;
    }

    /** Runs Seismic and prints each configuration, the fastest at recall >= RECALL and Spork's exact QPS over it. */
    static void report(Path dir, BenchCorpus corpus, int docs, List<SparseVector> queries, List<SparseVector> warmup,
                       List<List<String>> exact, double sporkQps, int k, java.io.PrintStream out) {
        List<Config> configs = run(dir, corpus, docs, queries, warmup, exact, k, out);
        for (Config c : configs) {
            out.printf("seismic query_cut %d heap_factor %.2f: qps %.1f, recall@%d %.4f%n", c.queryCut(), c.heapFactor(), c.qps(), k,
                    c.recall());
        }
        Config best = fastestAtRecall(configs);
        if (best == null) {
            out.printf("seismic: no configuration reached recall@%d >= %.2f%n", k, RECALL);
            return;
        }
        out.printf("seismic (n_postings %d, one search thread, fastest at recall@%d >= %.2f): qps %.1f, recall %.4f (query_cut %d,"
                + " heap_factor %.2f)%n", postingsPerList(docs), k, RECALL, best.qps(), best.recall(), best.queryCut(), best.heapFactor());
        out.printf("spork_exact_over_seismic: %.2f%n", sporkQps / best.qps());
    }

    /** The fastest configuration at recall >= RECALL, or null when none reaches it. */
    static Config fastestAtRecall(List<Config> configs) {
        Config best = null;
        for (Config c : configs) {
            if (c.recall() >= RECALL && (best == null || c.qps() > best.qps())) {
                best = c;
            }
        }
        return best;
    }

    /** Mean over the queries of the share of the exact top-k that Seismic's top-k holds. */
    static double recall(JsonNode hits, List<List<String>> exact, int k) {
        double sum = 0;
        for (int q = 0; q < exact.size(); q++) {
            List<String> found = new ArrayList<>();
            for (JsonNode n : hits.get(q)) {
                found.add(SyntheticCorpus.documentId(n.asLong()));
            }
            long shared = exact.get(q).stream().filter(found::contains).count();
            sum += exact.get(q).isEmpty() ? 1.0 : (double) shared / Math.min(k, exact.get(q).size());
        }
        return sum / exact.size();
    }

    private interface Vectors {
        SparseVector get(long i);
    }

    /** Records of int32 n, n int32 ids, n float32 weights, little-endian (what numpy reads directly). */
    private static void write(Path file, long count, Vectors vectors) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long i = 0; i < count; i++) {
                SparseVector v = vectors.get(i);
                ByteBuffer buffer = ByteBuffer.allocate(4 + 8 * v.size()).order(ByteOrder.LITTLE_ENDIAN);
                buffer.putInt(v.size());
                for (int t = 0; t < v.size(); t++) {
                    buffer.putInt(v.idAt(t));
                }
                for (int t = 0; t < v.size(); t++) {
                    buffer.putFloat(v.weightAt(t));
                }
                out.write(buffer.array());
            }
        }
    }

    private static Path ensureVenv(Path module) {
        Path requirements = module.resolve("src/main/python/seismic-requirements.txt");
        Path venv = module.resolve("target/seismic-venv");
        Path python = venv.resolve("bin/python");
        Path marker = venv.resolve("spork-requirements.sha256");
        try {
            String wanted = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(requirements)));
            if (Files.isExecutable(python) && Files.exists(marker) && Files.readString(marker).trim().equals(wanted)) {
                return python;
            }
            run(List.of("python3", "-m", "venv", "--clear", venv.toString()), System.err, 5);
            run(List.of(python.toString(), "-m", "pip", "install", "--disable-pip-version-check", "--no-input", "-q", "-r",
                    requirements.toString()), System.err, 10);
            Files.writeString(marker, wanted);
            return python;
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot set up Seismic's Python environment in " + venv + ": " + e.getMessage(), e);
        }
    }

    /** Runs a command, its output copied to the log; fails when it does not exit 0 within the minutes given. */
    private static void run(List<String> command, java.io.PrintStream log, int minutes) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("OPT_OUT_TRACKING", "true");
            builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
            builder.environment().put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
            Process process = builder.start();
            try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.println("  " + line);
                }
            }
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + minutes + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
