package io.spork.bench;

import io.spork.app.ConfigOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./spork bench SUBCOMMAND [OPTIONS]}: Spork's benchmarks, one picocli subcommand each (the
 * options, their defaults and the help are the annotations below; docs/benchmarks.md says what each
 * measures). Option mistakes, and values a benchmark refuses, are usage errors (exit code 2).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "BENCHMARK",
        description = "Spork's benchmarks: each prints its figures, the last line the one it is run for.",
        subcommands = CommandLine.HelpCommand.class)
public final class BenchCommand implements Runnable {
    private static final String CORPUS_HELP = "BEIR corpus.jsonl whose texts are used";

    @Spec
    CommandSpec spec;

    /** Runs the query benchmark; tests put a probe here to see the options it would run with. */
    private final ToIntFunction<QueryBenchmark.Options> queryRunner;

    public BenchCommand() {
        this(QueryBenchmark::run);
    }

    BenchCommand(ToIntFunction<QueryBenchmark.Options> queryRunner) {
        this.queryRunner = queryRunner;
    }

    /** The command line of {@code bench} on its own (the benchmarks' main methods, tests). */
    static CommandLine commandLine(BenchCommand bench) {
        return ToolErrors.handled(new CommandLine(bench));
    }

    /** The arguments of {@code bench BENCHMARK ARGS}, for a benchmark's own main method. */
    static String[] withBenchmark(String benchmark, String[] args) {
        String[] withName = new String[args.length + 1];
        withName[0] = benchmark;
        System.arraycopy(args, 0, withName, 1, args.length);
        return withName;
    }

    /** {@code ./spork bench} alone fails with the help (picocli prints it with the message): a benchmark must be named. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark");
    }

    @Command(name = "query", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Spork's in-memory index (loaded through its RocksDB stores) against Lucene FeatureField, top-k")
    int query(@Option(names = "--docs", paramLabel = "N", defaultValue = "1000000", converter = WholeNumber.class) int docs,
              @Option(names = "--queries", paramLabel = "N", defaultValue = "1000", converter = WholeNumber.class) int queries,
              @Option(names = "--shape", paramLabel = "msmarco|scifact|topical", defaultValue = "msmarco") String shape,
              @Option(names = "--seed", paramLabel = "N", defaultValue = "42") long seed,
              @Option(names = "--dir", paramLabel = "DIR", description = "where the indexes go (default: a temporary directory)") Path dir,
              @Option(names = "--warmup", paramLabel = "N", defaultValue = "200", converter = WholeNumber.class) int warmup,
              @Option(names = "--k", paramLabel = "N", defaultValue = "10", converter = WholeNumber.class) int k,
              @Option(names = "--stats", paramLabel = "FILE", description = "SPLADE statistics to draw from (default: the bundled SciFact ones)") Path stats,
              @Option(names = "--oracle-queries", paramLabel = "N", converter = WholeNumber.class,
                      description = "queries checked against the exhaustive oracle (default: all)") Integer oracleQueries,
              @Option(names = "--topics-from", paramLabel = "FILE",
                      description = "--shape topical: real vectors to fit the topics to (written by bench stats --vectors-out)") Path topicsFrom,
              @Option(names = "--no-seismic", description = "--shape topical: leave out the Seismic peer") boolean noSeismic,
              @Option(names = "--no-under-ingest", description = "leave out the phase with a concurrent writer (e.g. at 8.8M documents,"
                      + " where it would add documents beyond the measured corpus)") boolean noUnderIngest,
              @Option(names = "--lucene10-configs", paramLabel = "LIST", split = ",", defaultValue = "default,exhaustive",
                      description = "the Lucene 10 child's collectors: default, exhaustive (no dynamic pruning), threshold=N (pruning once N hits are counted)")
              List<String> lucene10Configs) {
        return queryRunner.applyAsInt(QueryBenchmark.Options.of(docs, queries, CorpusShape.parse(shape), seed, dir, warmup, k, stats,
                oracleQueries == null ? queries : oracleQueries, topicsFrom, !noSeismic, !noUnderIngest).withLucene10Configs(lucene10Configs));
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "encode a BEIR corpus and measure the SPLADE statistics the query benchmark draws from")
    int stats(@Option(names = "--out", paramLabel = "FILE", required = true) Path out,
              @Option(names = "--corpus", paramLabel = "FILE") Path corpus,
              @Option(names = "--queries", paramLabel = "FILE") Path queries,
              @Option(names = "--model-dir", paramLabel = "DIR", defaultValue = "models/splade-tiny") String modelDir,
              @Option(names = "--vectors-in", paramLabel = "FILE", description = "measure these vectors again instead of encoding") Path vectorsIn,
              @Option(names = "--vectors-out", paramLabel = "FILE", description = "also write every vector as JSON lines") Path vectorsOut,
              @Option(names = "--source", paramLabel = "TEXT", description = "what the statistics were measured on") String source,
              @Option(names = "--model", paramLabel = "NAME", description = "with --vectors-in: the model's name") String model,
              @Option(names = "--vocab-size", paramLabel = "N", defaultValue = "30522", converter = WholeNumber.class) int vocabSize) {
        return StatsExtractor.run(new StatsExtractor.Request(out, corpus, queries, modelDir, vectorsIn, vectorsOut, source, model, vocabSize));
    }

    @Command(name = "encode", mixinStandardHelpOptions = true, showDefaultValues = true, description = "Spork's encoder against a plain ONNX Runtime loop on the same batches")
    int encode(@Mixin ConfigOptions config,
               @Option(names = "--docs", paramLabel = "N", defaultValue = "2000", converter = WholeNumber.class) int docs,
               @Option(names = "--corpus", paramLabel = "FILE", defaultValue = BenchTexts.DEFAULT_CORPUS_NAME, description = CORPUS_HELP) Path corpus)
            throws Exception {
        return EncodeBenchmark.run(docs, corpus, config.config());
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true, showDefaultValues = true, description = "Spork end to end on a fresh embedded stack against a plain ONNX Runtime loop")
    int ingest(@Mixin ConfigOptions config,
               @Option(names = "--corpus", paramLabel = "FILE", defaultValue = BenchTexts.DEFAULT_CORPUS_NAME, description = CORPUS_HELP) Path corpus,
               @Option(names = "--docs", paramLabel = "N", converter = WholeNumber.class, description = "documents (default: the whole corpus)") Integer docs,
               @Option(names = "--device", paramLabel = "cpu|cuda|auto", description = "encoder.device for this run") String device,
               @Option(names = "--plain-batch", paramLabel = "N", converter = WholeNumber.class,
                       description = "the plain loop's batch (default: the fastest of 8, 16 and 32)") Integer plainBatch,
               @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", converter = WholeNumber.class,
                       description = "timed Spork passes, each between two plain-loop passes") int rounds) throws Exception {
        return IngestBenchmark.run(corpus, docs, device, plainBatch, rounds, config.config());
    }

    @Command(name = "freshness", mixinStandardHelpOptions = true, showDefaultValues = true, description = "time from a post to searchable, at half the maximum sustained rate")
    int freshness(@Mixin ConfigOptions config,
                  @Option(names = "--seconds", paramLabel = "N", defaultValue = "60", converter = WholeNumber.class) int seconds,
                  @Option(names = "--burst", paramLabel = "N", defaultValue = "2000", converter = WholeNumber.class) int burst,
                  @Option(names = "--rate", paramLabel = "DOCS_PER_S", description = "the paced rate (default: half the measured maximum)") Double rate,
                  @Option(names = "--corpus", paramLabel = "FILE", defaultValue = BenchTexts.DEFAULT_CORPUS_NAME, description = CORPUS_HELP) Path corpus)
            throws Exception {
        return FreshnessBenchmark.run(seconds, burst, rate, corpus, config.config());
    }

    @Command(name = "load", mixinStandardHelpOptions = true, showDefaultValues = true, description = "concurrent searches and posts over HTTP; no acknowledged post may be lost")
    int load(@Mixin ConfigOptions config,
             @Option(names = "--clients", paramLabel = "N", defaultValue = "8", converter = WholeNumber.class) int clients,
             @Option(names = "--seconds", paramLabel = "N", defaultValue = "60", converter = WholeNumber.class) int seconds,
             @Option(names = "--write-share", paramLabel = "FRACTION", defaultValue = "0.2") double writeShare,
             @Option(names = "--preload", paramLabel = "N", defaultValue = "500", converter = WholeNumber.class) int preload,
             @Option(names = "--corpus", paramLabel = "FILE", defaultValue = BenchTexts.DEFAULT_CORPUS_NAME, description = CORPUS_HELP) Path corpus)
            throws Exception {
        return LoadBenchmark.run(clients, seconds, writeShare, preload, corpus, config.config());
    }

    @Command(name = "index", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "the index stage alone through the real topology, exactly-once, on an embedded broker")
    int index(@Mixin ConfigOptions config,
              @Option(names = "--docs", paramLabel = "N", defaultValue = "50000", converter = WholeNumber.class) int docs,
              @Option(names = "--warmup", paramLabel = "N", defaultValue = "20000", converter = WholeNumber.class,
                      description = "documents indexed first, untimed (0: none)") int warmup,
              @Option(names = "--shape", paramLabel = "msmarco|scifact", defaultValue = "msmarco") String shape,
              @Option(names = "--seed", paramLabel = "N", defaultValue = "42") long seed) throws Exception {
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        }
        CorpusShape parsed = CorpusShape.parse(shape);
        if (parsed == CorpusShape.TOPICAL) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--shape topical is for bench query only");
        }
        return IndexBenchmark.run(docs, warmup, parsed, seed, config.config());
    }

    /** Whole numbers as people write large ones: 1000000, 1_000_000 or 1,000,000. */
    static final class WholeNumber implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                return Integer.parseInt(value.replace("_", "").replace(",", "").trim());
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("must be a whole number, got '" + value + "'");
            }
        }
    }
}
