package io.spork.bench;

import io.spork.files.DirectoryTree;
import io.spork.index.ScoredDocument;
import io.spork.index.SearchStats;
import io.spork.schema.SparseVector;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.util.Version;

/**
 * Spork's query speed against Lucene on the same SPLADE-like corpus (issue 7):
 * <pre>
 * java -Xss4m -Xmx10g -cp ... io.spork.bench.QueryBenchmark [--docs 1000000] [--queries 1000]
 *      [--shape msmarco|scifact] [--seed 42] [--dir DIR] [--warmup 200] [--k 10] [--stats FILE]
 * </pre>
 * The corpus is drawn by {@link SyntheticCorpus} from the bundled statistics of SciFact encoded with
 * splade-tiny. Spork's side is written through {@code IndexWriter} into its RocksDB stores and
 * in-memory index, then the in-memory index is rebuilt from the stores as at a restart, and that
 * one is searched. Lucene's side is a FeatureField index on disk, merged to one segment, searched
 * with its defaults (and, for reference, without dynamic pruning). All run the same queries on one
 * thread after a warm-up with other queries, taking turns in blocks of {@value InterleavedTiming#BLOCK} queries;
 * the top-k lists are compared.
 * Spork's top-k is checked against the exhaustive float oracle ({@code exact_agreement}), and the
 * queries run once more while a writer thread adds documents ({@code search_p99_under_ingest_ratio}).
 * The last line is {@code ratio_vs_lucene: X}, Spork's QPS over the better of Lucene's two configurations.
 */
public final class QueryBenchmark {
    /** The Lucene 10 child's configurations: Lucene's default collector (dynamic pruning), and none. */
    static final List<String> LUCENE10_CONFIGS = List.of("default", "exhaustive");

    private final Options options;
    private final PrintStream out;

    /** The benchmark's settings; see the class comment. */
    record Options(int docs, int queries, CorpusShape shape, long seed, Path dir, int warmup, int k, Path statsFile, int oracleQueries,
                   Path topicsFrom, boolean seismic, boolean underIngest, List<String> lucene10Configs) {
        /** The options as given (BenchCommand's defaults), checked. */
        static Options of(int docs, int queries, CorpusShape shape, long seed, Path dir, int warmup, int k, Path statsFile, int oracleQueries,
                          Path topicsFrom, boolean seismic, boolean underIngest) {
            if (docs < 1 || queries < 1 || k < 1 || warmup < 0) {
                throw new IllegalArgumentException("--docs, --queries and --k must be >= 1, --warmup >= 0");
            }
            if ((shape == CorpusShape.TOPICAL) != (topicsFrom != null)) {
                throw new IllegalArgumentException("--shape topical needs --topics-from FILE (vectors written by bench stats --vectors-out),"
                        + " and --topics-from is for --shape topical only");
            }
            return new Options(docs, queries, shape, seed, dir, warmup, k, statsFile, oracleQueries, topicsFrom, seismic, underIngest,
                    LUCENE10_CONFIGS);
        }

        /** The same options with the Lucene 10 child's collector configurations (see {@link LuceneFeatureIndex#search(SparseVector, int, String)}). */
        Options withLucene10Configs(List<String> configs) {
            if (configs.isEmpty()) {
                throw new IllegalArgumentException("--lucene10-configs needs at least one configuration");
            }
            for (String c : configs) {
                if (!c.equals("default") && !c.equals("exhaustive") && !c.matches("threshold=[1-9][0-9]*")) {
                    throw new IllegalArgumentException("--lucene10-configs: " + c + " is not default, exhaustive or threshold=N");
                }
            }
            return new Options(docs, queries, shape, seed, dir, warmup, k, statsFile, oracleQueries, topicsFrom, seismic, underIngest,
                    List.copyOf(configs));
        }
    }

    QueryBenchmark(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The benchmark without the launcher: {@code java ... io.spork.bench.QueryBenchmark [OPTIONS]}, the options of {@code bench query}. */
    public static void main(String[] args) {
        System.exit(BenchCommand.commandLine(new BenchCommand()).execute(BenchCommand.withBenchmark("query", args)));
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
                DirectoryTree.delete(dir);
            }
        }
    }

    private int run(Path dir) {
        SpladeStats stats = options.statsFile() == null ? SpladeStats.bundled() : SpladeStats.read(options.statsFile());
        BenchCorpus corpus = BenchCorpus.drawn(stats, options.shape(), options.seed(), options.topicsFrom());
        out.printf("query benchmark: %d documents, %d queries (+%d warm-up), shape %s, seed %d, top-%d, one search thread%n",
                options.docs(), options.queries(), options.warmup(), options.shape(), options.seed(), options.k());
        out.printf("statistics: %s encoded with %s (%d documents, %.1f terms each; %d queries, %.1f terms each)%n",
                stats.source(), stats.model(), stats.documents().count(), stats.documents().meanTermCount(),
                stats.queries().count(), stats.queries().meanTermCount());
        out.printf("corpus drawn: %s%n", corpus.describe());
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
        DirectoryTree.delete(sporkDir);
        DirectoryTree.delete(luceneDir);
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
            spork.reopenStores();
            long heapBefore = Measurements.heapUsedAfterGc();
            long liveBefore = Measurements.liveObjectBytes();
            started = System.nanoTime();
            spork.rebuild();
            double rebuildSeconds = seconds(started);
            long heapAfter = Measurements.heapUsedAfterGc();
            long sporkMemory = heapAfter - heapBefore;
            long sporkLive = Measurements.liveObjectBytes() - liveBefore;
            long sporkDisk = Measurements.settledBytesOnDisk(sporkDir);
            if (spork.index().documentCount() != options.docs() || spork.index().postingCount() != postings) {
                throw new IllegalStateException("the rebuilt index has " + spork.index().documentCount() + " documents and "
                        + spork.index().postingCount() + " postings, the stores were written with " + options.docs() + " and " + postings);
            }
            long scoredPerQuery = exhaustivePostings(spork, queries);
            out.printf("spork rebuild of the in-memory index from RocksDB (as at a restart): %.1f s%n", rebuildSeconds);
            out.printf("spork on disk (RocksDB, both stores, closed and reopened, compactions settled): %s (%.1f bytes per posting)%n", Measurements.mib(sporkDisk),
                    (double) sporkDisk / postings);
            out.printf("spork in-memory index (heap after GC, after minus before the rebuild): %s (%.1f bytes per posting)%n",
                    Measurements.mib(sporkMemory), (double) sporkMemory / postings);
            out.printf("spork in-memory index (live objects: class histogram totals, after minus before the rebuild): %s (%.1f bytes per posting)%n",
                    Measurements.mib(sporkLive), (double) sporkLive / postings);
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
                InterleavedTiming.Run sporkRun;
                LuceneComparison lucenes = new LuceneComparison();
                LucenePeerProcess.Launch launch = LucenePeerProcess.temurin(Path.of(System.getProperty("spork.home", ".")),
                        System.getProperty("java.class.path"), out);
                try (LucenePeerProcess lucene10 = launch == null ? null : LucenePeerProcess.startChecked(launch, options, dir.resolve("lucene10"), corpus, queries.size() + warmup.size(), out)) {
                    for (SparseVector q : warmup) {
                        spork.search(q, options.k());
                        lucene.search(q, options.k());
                        lucene.searchWithoutPruning(q, options.k());
                    }
                    List<InterleavedTiming.BlockSearcher> searchers = new ArrayList<>(List.of(
                            InterleavedTiming.inProcess(queries, q -> ids(spork.search(q, options.k()))),
                            InterleavedTiming.inProcess(queries, q -> ids(lucene.search(q, options.k()))),
                            InterleavedTiming.inProcess(queries, q -> ids(lucene.searchWithoutPruning(q, options.k())))));
                    if (lucene10 != null) {
                        lucene10.warmup(options.lucene10Configs());
                        for (String config : options.lucene10Configs()) {
                            searchers.add(lucene10.searcher(config));
                        }
                    }
                    List<InterleavedTiming.Run> runs = InterleavedTiming.measure(queries.size(), searchers);
                    sporkRun = runs.get(0);
                    InterleavedTiming.Run luceneRun = runs.get(1);
                    InterleavedTiming.Run luceneExhaustive = runs.get(2);
                    String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
                    lucenes.add("lucene " + Version.LATEST + " on " + jvm + ", " + LuceneFeatureIndex.describe("default"), luceneRun);
                    lucenes.add("lucene " + Version.LATEST + " on " + jvm + ", " + LuceneFeatureIndex.describe("exhaustive"), luceneExhaustive);

                    out.printf("top-%d agreement (sets, spork vs lucene): %s%n", options.k(), TopKAgreement.summary(corpus, queries, sporkRun.hits(), luceneRun.hits()));
                    out.printf("timing: one thread, the %d queries in blocks of %d taken in turn by spork, lucene and lucene without pruning%s;"
                            + " qps = queries / summed latency%n", queries.size(), InterleavedTiming.BLOCK,
                            lucene10 == null ? "" : " (this JVM), lucene 10 " + options.lucene10Configs() + " (the child JVM, which times its own queries)");
                    out.printf("spork: qps %.1f, latency p50 %.2f ms, p99 %.2f ms, index on disk %s, resident memory %s (heap)%n",
                            sporkRun.qps(), sporkRun.p50Nanos() / 1e6, sporkRun.p99Nanos() / 1e6, Measurements.mib(sporkDisk),
                            Measurements.mib(sporkMemory));
                    out.printf("lucene: qps %.1f, latency p50 %.2f ms, p99 %.2f ms, index on disk %s, resident memory %s heap + %s mapped%n",
                            luceneRun.qps(), luceneRun.p50Nanos() / 1e6, luceneRun.p99Nanos() / 1e6, Measurements.mib(luceneDisk),
                            Measurements.mib(luceneHeap), Measurements.mib(luceneDisk));
                    out.printf("lucene without dynamic pruning (totalHitsThreshold = MAX_VALUE): qps %.1f, latency p50 %.2f ms, p99 %.2f ms%n",
                            luceneExhaustive.qps(), luceneExhaustive.p50Nanos() / 1e6, luceneExhaustive.p99Nanos() / 1e6);
                    if (lucene10 != null) {
                        for (int c = 0; c < options.lucene10Configs().size(); c++) {
                            InterleavedTiming.Run run = runs.get(3 + c);
                            String label = "lucene " + lucene10.luceneVersion() + " on " + lucene10.jvm() + ", "
                                    + LuceneFeatureIndex.describe(options.lucene10Configs().get(c));
                            lucenes.add(label, run);
                            out.printf("%s (child JVM): qps %.1f, latency p50 %.2f ms, p99 %.2f ms; top-%d agreement with spork: %s%n", label,
                                    run.qps(), run.p50Nanos() / 1e6, run.p99Nanos() / 1e6, options.k(), TopKAgreement.summary(corpus, queries, sporkRun.hits(), run.hits()));
                        }
                    }
                }
                lucenes.report(sporkRun.qps(), out);
                int checked = Math.min(queries.size(), options.oracleQueries());
                started = System.nanoTime();
                List<List<String>> exact = FloatOracle.topK(corpus, options.docs(), queries.subList(0, checked), options.k());
                int equal = 0;
                for (int j = 0; j < checked; j++) {
                    if (exact.get(j).equals(sporkRun.hits().get(j))) {
                        equal++;
                    }
                }
                out.printf("exact agreement: spork's top-%d (ids in order) equals the exhaustive float oracle's on %d of %d queries"
                        + " (the oracle: one pass over the corpus drawn again, %.1f s)%n", options.k(), equal, checked, seconds(started));
                pruning(spork, queries);
                if (options.shape() == CorpusShape.TOPICAL && options.seismic()) {
                    SeismicPeer.report(dir, corpus, options.docs(), queries, warmup, sporkRun.hits(), sporkRun.qps(), options.k(), out);
                }
                out.printf("memory_bytes_per_posting: %.2f%n", (double) sporkMemory / postings);
                out.printf("read form alone (segments' posting blocks, block and term tables, ids): %.2f bytes per posting%n",
                        (double) spork.index().memoryBytes() / postings);
                out.printf("disk_bytes_per_posting: %.2f%n", (double) sporkDisk / postings);
                if (options.underIngest()) {
                    SearchUnderIngest.run(spork, corpus.reseeded(options.seed() + 1), options.docs(), queries, options.k(), out);
                } else {
                    out.println("under ingest: skipped (--no-under-ingest)");
                }
                out.printf("exact_agreement: %.3f%n", checked == 0 ? 0.0 : (double) equal / checked);
                out.printf("ratio_vs_lucene: %.2f%n", sporkRun.qps() / lucenes.best().run().qps());
            }
        }
        return 0;
    }

    /** What the window bounds saved on these queries: windows and segments skipped, MaxScore's pending documents, candidates and rescorings. */
    private void pruning(SporkBenchIndex spork, List<SparseVector> queries) {
        SearchStats stats = new SearchStats();
        for (SparseVector q : queries) {
            spork.index().search(q, options.k(), stats);
        }
        int n = queries.size();
        out.printf("pruning: windows skipped %d of %d (%.1f%%), segments skipped %.1f per query; MaxScore pending %.0f per query,"
                        + " non-essential blocks decoded %.0f per query; candidates %.0f per query, rescored %.1f per query%n",
                stats.skippedWindows(), stats.windows(), 100.0 * stats.skippedWindows() / Math.max(1, stats.windows()),
                (double) stats.skippedSegments() / n, (double) stats.pending() / n, (double) stats.refinedBlocks() / n,
                (double) stats.candidates() / n, (double) stats.rescored() / n);
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
        long total = 0;
        for (SparseVector q : queries) {
            for (int i = 0; i < q.size(); i++) {
                total += spork.documentFrequency(q.idAt(i));
            }
        }
        return total / queries.size();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
