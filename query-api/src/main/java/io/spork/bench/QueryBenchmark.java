package io.spork.bench;

import io.spork.index.ScoredDocument;
import io.spork.schema.SparseVector;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Spork's query speed against Lucene on the same SPLADE-like corpus (issue 7):
 * <pre>
 * java -Xss4m -Xmx10g -cp ... io.spork.bench.QueryBenchmark [--docs 1000000] [--queries 1000]
 *      [--shape msmarco|scifact] [--seed 42] [--dir DIR] [--warmup 200] [--k 10] [--stats FILE]
 * </pre>
 * The corpus is drawn by {@link SyntheticCorpus} from the bundled statistics of SciFact encoded with
 * splade-tiny. Spork's side is written through {@code IndexWriter} into its RocksDB stores and
 * in-memory index, then the in-memory index is rebuilt from the stores as at a restart, and that
 * one is searched. Lucene's side is a FeatureField index on disk, merged to one segment. Both run
 * the same queries on one thread after a warm-up with other queries; the top-k lists are compared.
 * The last line is {@code ratio_vs_lucene: X}, Spork's QPS over Lucene's.
 */
public final class QueryBenchmark {
    private final Options options;
    private final PrintStream out;

    /** The benchmark's settings; see the class comment. */
    record Options(int docs, int queries, CorpusShape shape, long seed, Path dir, int warmup, int k, Path statsFile) {
        static Options from(Map<String, String> raw) {
            Map<String, String> o = new HashMap<>(raw);
            o.remove("subcommand");
            int docs = intOption(o, "docs", 1_000_000);
            int queries = intOption(o, "queries", 1000);
            CorpusShape shape = CorpusShape.parse(o.getOrDefault("shape", "msmarco"));
            long seed = Long.parseLong(o.getOrDefault("seed", "42"));
            Path dir = o.containsKey("dir") ? Path.of(o.get("dir")) : null;
            int warmup = intOption(o, "warmup", 200);
            int k = intOption(o, "k", 10);
            Path stats = o.containsKey("stats") ? Path.of(o.get("stats")) : null;
            for (String name : List.of("docs", "queries", "shape", "seed", "dir", "warmup", "k", "stats")) {
                o.remove(name);
            }
            if (!o.isEmpty()) {
                throw new IllegalArgumentException("unknown option(s) " + o.keySet());
            }
            if (docs < 1 || queries < 1 || k < 1 || warmup < 0) {
                throw new IllegalArgumentException("--docs, --queries and --k must be >= 1, --warmup >= 0");
            }
            return new Options(docs, queries, shape, seed, dir, warmup, k, stats);
        }

        private static int intOption(Map<String, String> o, String name, int fallback) {
            String v = o.get(name);
            if (v == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(v.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
            }
        }
    }

    /** What one system did on the measured queries. */
    private record Run(String system, double qps, long p50Nanos, long p99Nanos, List<List<String>> hits) {
    }

    QueryBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(BenchCommand.run(withSubcommand(BenchCommand.parseOptions(args))));
    }

    private static Map<String, String> withSubcommand(Map<String, String> options) {
        Map<String, String> o = new HashMap<>(options);
        o.put("subcommand", "query");
        return o;
    }

    static int run(Options options) {
        return new QueryBenchmark(options, System.out).run();
    }

    int run() {
        boolean tempDir = options.dir() == null;
        Path dir;
        try {
            dir = tempDir ? Files.createTempDirectory("spork-bench-") : Files.createDirectories(options.dir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return run(dir);
        } finally {
            if (tempDir) {
                Measurements.deleteRecursively(dir);
            }
        }
    }

    private int run(Path dir) {
        SpladeStats stats = options.statsFile() == null ? SpladeStats.bundled() : SpladeStats.read(options.statsFile());
        SyntheticCorpus corpus = new SyntheticCorpus(stats, options.shape(), options.seed());
        out.printf("query benchmark: %d documents, %d queries (+%d warm-up), shape %s, seed %d, top-%d, one search thread%n",
                options.docs(), options.queries(), options.warmup(), options.shape(), options.seed(), options.k());
        out.printf("statistics: %s encoded with %s (%d documents, %.1f terms each; %d queries, %.1f terms each)%n",
                stats.source(), stats.model(), stats.documents().count(), stats.documents().meanTermCount(),
                stats.queries().count(), stats.queries().meanTermCount());
        out.printf("jvm: %s %s, max heap %s, %d cores; index directory %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Measurements.mib(Runtime.getRuntime().maxMemory()),
                Runtime.getRuntime().availableProcessors(), dir);
        List<SparseVector> queries = new ArrayList<>(options.queries());
        List<SparseVector> warmup = new ArrayList<>(options.warmup());
        long queryTerms = 0;
        for (int j = 0; j < options.queries(); j++) {
            queries.add(corpus.query(j));
            queryTerms += queries.get(j).size();
        }
        for (int j = 0; j < options.warmup(); j++) {
            warmup.add(corpus.query(options.queries() + j));
        }

        Path sporkDir = dir.resolve("spork-state");
        Path luceneDir = dir.resolve("lucene");
        Measurements.deleteRecursively(sporkDir);
        Measurements.deleteRecursively(luceneDir);
        try (SporkBenchIndex spork = SporkBenchIndex.open(sporkDir)) {
            long started = System.nanoTime();
            spork.load(corpus, options.docs());
            double loadSeconds = seconds(started);
            long postings = spork.index().postingCount();
            out.printf("corpus: %d documents, %d postings (%.1f terms per document), queries %.1f terms each%n",
                    spork.index().documentCount(), postings, (double) postings / options.docs(),
                    (double) queryTerms / options.queries());
            out.printf("spork load (IndexWriter: RocksDB document + posting stores and the in-memory index, one thread): %.1f s (%.0f documents/s)%n",
                    loadSeconds, options.docs() / loadSeconds);
            spork.dropIndex();
            long heapBefore = Measurements.heapUsedAfterGc();
            started = System.nanoTime();
            spork.rebuild();
            double rebuildSeconds = seconds(started);
            long heapAfter = Measurements.heapUsedAfterGc();
            long sporkMemory = heapAfter - heapBefore;
            long sporkDisk = Measurements.bytesOnDisk(sporkDir);
            if (spork.index().documentCount() != options.docs() || spork.index().postingCount() != postings) {
                throw new IllegalStateException("the rebuilt index has " + spork.index().documentCount() + " documents and "
                        + spork.index().postingCount() + " postings, the stores were written with " + options.docs() + " and " + postings);
            }
            long scoredPerQuery = exhaustivePostings(spork, queries);
            out.printf("spork rebuild of the in-memory index from RocksDB (as at a restart): %.1f s%n", rebuildSeconds);
            out.printf("spork on disk (RocksDB, both stores): %s (%.1f bytes per posting)%n", Measurements.mib(sporkDisk),
                    (double) sporkDisk / postings);
            out.printf("spork in-memory index (heap after GC, after minus before the rebuild): %s (%.1f bytes per posting)%n",
                    Measurements.mib(sporkMemory), (double) sporkMemory / postings);
            out.printf("postings an exhaustive scorer visits per query: %.0f (%.1f%% of all)%n", (double) scoredPerQuery,
                    100.0 * scoredPerQuery / postings);

            long luceneHeapBefore = Measurements.heapUsedAfterGc();
            started = System.nanoTime();
            try (LuceneFeatureIndex lucene = LuceneFeatureIndex.build(luceneDir, corpus, options.docs())) {
                double luceneSeconds = seconds(started);
                long luceneHeap = Math.max(0, Measurements.heapUsedAfterGc() - luceneHeapBefore);
                long luceneDisk = Measurements.bytesOnDisk(luceneDir);
                out.printf("lucene load (IndexWriter, one thread, force-merged to %d segment): %.1f s (%.0f documents/s)%n",
                        lucene.segments(), luceneSeconds, options.docs() / luceneSeconds);
                out.printf("lucene on disk: %s (%.1f bytes per posting)%n", Measurements.mib(luceneDisk), (double) luceneDisk / postings);
                out.printf("lucene resident: heap %s after GC + the memory-mapped index files (%s) in the page cache%n",
                        Measurements.mib(luceneHeap), Measurements.mib(luceneDisk));

                for (SparseVector q : warmup) {
                    spork.search(q, options.k());
                    lucene.search(q, options.k());
                }
                Run sporkRun = measure("spork", queries, q -> ids(spork.search(q, options.k())));
                Run luceneRun = measure("lucene", queries, q -> ids(lucene.search(q, options.k())));
                for (SparseVector q : warmup.subList(0, Math.min(warmup.size(), 50))) {
                    lucene.searchWithoutPruning(q, options.k());
                }
                Run luceneExhaustive = measure("lucene-no-pruning", queries, q -> ids(lucene.searchWithoutPruning(q, options.k())));

                TopKAgreement agreement = new TopKAgreement();
                for (int j = 0; j < queries.size(); j++) {
                    SparseVector q = queries.get(j);
                    agreement.add(sporkRun.hits().get(j), luceneRun.hits().get(j),
                            id -> corpus.document(Long.parseLong(id.substring(1))).dot(q));
                }
                out.printf("top-%d agreement (sets, spork vs lucene): %s%n", options.k(), agreement.summary());
                out.printf("spork: qps %.1f, latency p50 %.2f ms, p99 %.2f ms, index on disk %s, resident memory %s (heap)%n",
                        sporkRun.qps(), sporkRun.p50Nanos() / 1e6, sporkRun.p99Nanos() / 1e6, Measurements.mib(sporkDisk),
                        Measurements.mib(sporkMemory));
                out.printf("lucene: qps %.1f, latency p50 %.2f ms, p99 %.2f ms, index on disk %s, resident memory %s heap + %s mapped%n",
                        luceneRun.qps(), luceneRun.p50Nanos() / 1e6, luceneRun.p99Nanos() / 1e6, Measurements.mib(luceneDisk),
                        Measurements.mib(luceneHeap), Measurements.mib(luceneDisk));
                out.printf("lucene without dynamic pruning (reference only; totalHitsThreshold = MAX_VALUE): qps %.1f, latency p50 %.2f ms, p99 %.2f ms%n",
                        luceneExhaustive.qps(), luceneExhaustive.p50Nanos() / 1e6, luceneExhaustive.p99Nanos() / 1e6);
                out.printf("ratio_vs_lucene: %.2f%n", sporkRun.qps() / luceneRun.qps());
            }
        }
        return 0;
    }

    private interface Searcher {
        List<String> search(SparseVector query);
    }

    private static Run measure(String system, List<SparseVector> queries, Searcher searcher) {
        long[] latencies = new long[queries.size()];
        List<List<String>> hits = new ArrayList<>(queries.size());
        long started = System.nanoTime();
        for (int j = 0; j < queries.size(); j++) {
            long t0 = System.nanoTime();
            List<String> result = searcher.search(queries.get(j));
            latencies[j] = System.nanoTime() - t0;
            hits.add(result);
        }
        double total = seconds(started);
        return new Run(system, queries.size() / total, Measurements.percentile(latencies, 50),
                Measurements.percentile(latencies, 99), hits);
    }

    private static List<String> ids(List<ScoredDocument> hits) {
        List<String> ids = new ArrayList<>(hits.size());
        for (ScoredDocument hit : hits) {
            ids.add(hit.id());
        }
        return ids;
    }

    private static List<String> ids(long[] numbers) {
        List<String> ids = new ArrayList<>(numbers.length);
        for (long n : numbers) {
            ids.add(SyntheticCorpus.documentId(n));
        }
        return ids;
    }

    /** Mean over the queries of the postings of their terms: the work of a scorer without pruning. */
    private static long exhaustivePostings(SporkBenchIndex spork, List<SparseVector> queries) {
        Map<Integer, Integer> df = spork.index().documentFrequencies();
        long total = 0;
        for (SparseVector q : queries) {
            for (int i = 0; i < q.size(); i++) {
                total += df.getOrDefault(q.idAt(i), 0);
            }
        }
        return total / queries.size();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
