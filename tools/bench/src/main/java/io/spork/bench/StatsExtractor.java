package io.spork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.DocumentEvent;
import io.spork.schema.JsonSerde;
import io.spork.schema.SparseVector;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measures the statistics of real SPLADE vectors that {@link SyntheticCorpus} reproduces: encodes a
 * BEIR corpus and its queries with a Spork model and writes a {@link SpladeStats} JSON file. The
 * bundled file was made with
 * <pre>
 * ./spork bench stats --corpus ../shared/data/scifact/corpus.jsonl \
 *   --queries ../shared/data/scifact/queries.jsonl --model-dir models/splade-tiny \
 *   --out tools/bench/src/main/resources/io/spork/bench/scifact-splade-tiny-stats.json
 * </pre>
 * (about 15 minutes on two CPU cores). {@code --vectors-out FILE} also writes every vector as JSON
 * lines ({"side":"doc"|"query","ids":[..],"weights":[..]}), and {@code --vectors-in FILE} measures
 * such a file again without encoding (with {@code --source TEXT} to name what it holds).
 */
public final class StatsExtractor {
    private static final int ENCODE_CHUNK = 64;
    private static final int QUANTILES = 101;
    private static final int MIN_RATIOS_PER_CLASS = 500;

    private StatsExtractor() {
    }

    /**
     * What to measure and where to write it (the options of {@code bench stats}): either a corpus and its
     * queries to encode with the model in modelDir, or vectorsIn to measure again; optional ones are null.
     */
    record Request(Path out, Path corpus, Path queries, String modelDir, Path vectorsIn, Path vectorsOut, String source, String model,
                   int vocabSize) {
    }

    /** The extractor without the launcher: {@code java ... io.spork.bench.StatsExtractor [OPTIONS]}, the options of {@code bench stats}. */
    public static void main(String[] args) {
        System.exit(BenchCommand.commandLine(new BenchCommand()).execute(BenchCommand.withBenchmark("stats", args)));
    }

    static int run(Request options) {
        Path out = options.out();
        String modelDir = options.modelDir();
        List<SparseVector> docVectors = new ArrayList<>();
        List<SparseVector> queryVectors = new ArrayList<>();
        String source;
        String model;
        int vocab;
        if (options.vectorsIn() != null) {
            Path vectors = options.vectorsIn();
            readVectors(vectors, docVectors, queryVectors);
            source = options.source() != null ? options.source() : vectors.getFileName().toString();
            model = options.model() != null ? options.model() : Path.of(modelDir).getFileName().toString();
            vocab = options.vocabSize();
        } else {
            Path corpus = required(options.corpus(), "corpus");
            Path queries = required(options.queries(), "queries");
            SporkConfig config = SporkConfig.builder().set("encoder.model-dir", modelDir).build();
            EncoderSettings settings = EncoderSettings.from(config);
            try (SpladeEncoder encoder = SpladeEncoder.open(settings)) {
                docVectors = encodeAll(encoder, readTexts(corpus), "documents");
                queryVectors = encodeAll(encoder, readTexts(queries), "queries");
                vocab = encoder.model().vocabSize();
            }
            source = options.source() != null ? options.source() : corpus.getFileName() + " + " + queries.getFileName() + " of " + corpus.getParent();
            model = settings.modelDir().getFileName().toString();
        }
        SpladeStats stats = measure(source, model, vocab, docVectors, queryVectors);
        stats.write(out);
        System.out.printf("wrote %s: %d documents (%.1f terms each), %d queries (%.1f terms each), %d terms%n",
                out, stats.documents().count(), stats.documents().meanTermCount(), stats.queries().count(),
                stats.queries().meanTermCount(), stats.terms().size());
        if (options.vectorsOut() != null) {
            writeVectors(options.vectorsOut(), docVectors, queryVectors);
        }
        return 0;
    }

    static void readVectors(Path file, List<SparseVector> docs, List<SparseVector> queries) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JsonSerde.MAPPER.readTree(line);
                SparseVector v = JsonSerde.MAPPER.treeToValue(node, SparseVector.class);
                ("query".equals(node.path("side").asText()) ? queries : docs).add(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path required(Path value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("StatsExtractor needs --" + name);
        }
        return value;
    }

    /** The encodable texts (title and text, as the topology encodes them) of a BEIR JSON-lines file. */
    static List<String> readTexts(Path jsonl) {
        List<String> texts = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JsonSerde.MAPPER.readTree(line);
                String title = node.path("title").asText("");
                String text = node.path("text").asText("");
                texts.add(DocumentEvent.upsert(node.path("_id").asText(), title, text, Map.of()).encodableText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jsonl, e);
        }
        return texts;
    }

    private static List<SparseVector> encodeAll(SpladeEncoder encoder, List<String> texts, String what) {
        List<SparseVector> vectors = new ArrayList<>(texts.size());
        long started = System.nanoTime();
        for (int from = 0; from < texts.size(); from += ENCODE_CHUNK) {
            vectors.addAll(encoder.encode(texts.subList(from, Math.min(texts.size(), from + ENCODE_CHUNK))));
            if ((from / ENCODE_CHUNK) % 10 == 0) {
                System.err.printf("encoded %d/%d %s (%.0f s)%n", vectors.size(), texts.size(), what,
                        (System.nanoTime() - started) / 1e9);
            }
        }
        return vectors;
    }

    /** The statistics of encoded documents and queries. */
    static SpladeStats measure(String source, String model, int vocab, List<SparseVector> docs, List<SparseVector> queries) {
        int[] df = new int[vocab];
        double[] docSum = new double[vocab];
        int[] qf = new int[vocab];
        double[] querySum = new double[vocab];
        count(docs, df, docSum);
        count(queries, qf, querySum);
        float[] docMean = means(df, docSum);
        float[] queryMean = means(qf, querySum);
        int n = 0;
        for (int t = 0; t < vocab; t++) {
            if (df[t] > 0 || qf[t] > 0) {
                n++;
            }
        }
        int[] ids = new int[n];
        int[] dfs = new int[n];
        float[] dm = new float[n];
        int[] qfs = new int[n];
        float[] qm = new float[n];
        for (int t = 0, j = 0; t < vocab; t++) {
            if (df[t] > 0 || qf[t] > 0) {
                ids[j] = t;
                dfs[j] = df[t];
                dm[j] = round(docMean[t]);
                qfs[j] = qf[t];
                qm[j] = round(queryMean[t]);
                j++;
            }
        }
        return new SpladeStats(source, model, vocab, side(docs, df, docMean), side(queries, qf, queryMean),
                new SpladeStats.Terms(ids, dfs, dm, qfs, qm));
    }

    private static void count(List<SparseVector> vectors, int[] frequency, double[] sum) {
        for (SparseVector v : vectors) {
            for (int i = 0; i < v.size(); i++) {
                frequency[v.idAt(i)]++;
                sum[v.idAt(i)] += v.weightAt(i);
            }
        }
    }

    private static float[] means(int[] frequency, double[] sum) {
        float[] mean = new float[frequency.length];
        for (int t = 0; t < frequency.length; t++) {
            mean[t] = frequency[t] == 0 ? 0f : (float) (sum[t] / frequency[t]);
        }
        return mean;
    }

    private static SpladeStats.Side side(List<SparseVector> vectors, int[] frequency, float[] termMean) {
        int[] counts = new int[vectors.size()];
        float maxWeight = 0f;
        for (int i = 0; i < counts.length; i++) {
            counts[i] = vectors.get(i).size();
        }
        Arrays.sort(counts);
        int classes = 1;
        for (int f : frequency) {
            if (f > 0) {
                classes = Math.max(classes, SpladeStats.frequencyClass(f) + 1);
            }
        }
        List<List<Float>> ratios = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            ratios.add(new ArrayList<>());
        }
        for (SparseVector v : vectors) {
            for (int i = 0; i < v.size(); i++) {
                int term = v.idAt(i);
                maxWeight = Math.max(maxWeight, v.weightAt(i));
                ratios.get(SpladeStats.frequencyClass(frequency[term])).add(v.weightAt(i) / termMean[term]);
            }
        }
        float[][] quantiles = new float[classes][];
        for (int c = SpladeStats.MIN_RATIO_CLASS; c < classes; c++) {
            if (ratios.get(c).size() >= MIN_RATIOS_PER_CLASS) {
                quantiles[c] = quantiles(ratios.get(c));
            }
        }
        // Classes without enough weights of their own (and the rare ones) take the nearest measured class.
        for (int c = 0; c < classes; c++) {
            if (quantiles[c] == null) {
                for (int d = 1; d < 2 * classes && quantiles[c] == null; d++) {
                    if (c + d < classes && c + d >= SpladeStats.MIN_RATIO_CLASS && ratios.get(c + d).size() >= MIN_RATIOS_PER_CLASS) {
                        quantiles[c] = quantiles(ratios.get(c + d));
                    } else if (c - d >= SpladeStats.MIN_RATIO_CLASS && ratios.get(c - d).size() >= MIN_RATIOS_PER_CLASS) {
                        quantiles[c] = quantiles(ratios.get(c - d));
                    }
                }
                if (quantiles[c] == null) {
                    quantiles[c] = new float[QUANTILES];
                    Arrays.fill(quantiles[c], 1f);
                }
            }
        }
        return new SpladeStats.Side(vectors.size(), counts, round(maxWeight), quantiles);
    }

    private static float[] quantiles(List<Float> values) {
        float[] sorted = new float[values.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = values.get(i);
        }
        Arrays.sort(sorted);
        float[] quantiles = new float[QUANTILES];
        for (int q = 0; q < QUANTILES; q++) {
            quantiles[q] = round(sorted[(int) Math.round((double) q / (QUANTILES - 1) * (sorted.length - 1))]);
        }
        return quantiles;
    }

    /** Four significant digits keep the file small and are far finer than the model's own noise. */
    static float round(float value) {
        if (value == 0f || !Float.isFinite(value)) {
            return value;
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).floatValue();
    }

    private static void writeVectors(Path file, List<SparseVector> docs, List<SparseVector> queries) {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int side = 0; side < 2; side++) {
                List<SparseVector> vectors = side == 0 ? docs : queries;
                for (SparseVector v : vectors) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("side", side == 0 ? "doc" : "query");
                    line.put("ids", v.ids());
                    line.put("weights", v.weights());
                    w.write(JsonSerde.MAPPER.writeValueAsString(line));
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
