package io.spork.eval;

import io.spork.api.SearchMode;
import io.spork.app.ConfigOptions;
import io.spork.config.SporkConfig;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./spork eval}: retrieval quality and speed on a BEIR data set.
 * <pre>
 * ./spork eval --beir DIR [--k 1000] [--run-out FILE] [--remove-query] [--model spork|exact|bm25]
 *               [--mode hybrid|splade|bm25|all] [--queries test|train] [--latency-k 10] [--sweep] [--bm25-partitions N]
 * </pre>
 * With {@code --model spork} (the default) it indexes the corpus on a fresh embedded Spork stack
 * through Kafka and queries it over HTTP in the search mode(s) of {@code --mode}
 * ({@link SporkStackRetriever}); {@code --sweep} instead tunes the fusion offline ({@link FusionSweep}); with
 * {@code --model exact} the same encoder scores every document by brute force ({@link ExactRetriever}),
 * the figure the pipeline's splade mode must reproduce; with {@code --model bm25}
 * it runs BEIR's Lucene BM25 baseline in memory ({@link Bm25Retriever}). It prints nDCG@10,
 * recall@100 and recall@1000 as trec_eval computes them ({@link RetrievalMetrics}), ingest and query
 * speed, and with {@code --run-out} writes the run as a TREC run file ({@link TrecRunWriter}).
 * Progress goes to stderr, the figures to stdout (see {@link EvalReport}).
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = {"retrieval quality and speed on a BEIR data set: nDCG@10, R@100, R@1000,",
        "ingest and query speed; figures to stdout, progress to stderr"})
public final class EvalCommand implements Callable<Integer> {
    static final String USAGE = "usage: ./spork eval --beir DIR [--k 1000] [--run-out FILE] [--remove-query] [--model spork|exact|bm25]"
            + " [--mode hybrid|splade|bm25|all] [--queries test|train] [--latency-k 10] [--sweep] [--bm25-partitions N]";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--beir", paramLabel = "DIR", description = "the BEIR data set: corpus.jsonl, queries.jsonl, qrels/test.tsv")
    Path beir;

    @Option(names = "--k", paramLabel = "N", defaultValue = "1000", description = "hits per query (default: ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--run-out", paramLabel = "FILE", description = "write the run as a TREC run file")
    Path runOut;

    @Option(names = "--remove-query", arity = "0..1", description = "drop hits whose document id equals the query id (BEIR's ArguAna, Quora)")
    boolean removeQuery;

    @Option(names = "--model", paramLabel = "spork|exact|bm25", defaultValue = "spork",
            description = "Spork through Kafka and HTTP, its brute-force check, or BEIR's Lucene BM25 (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--mode", paramLabel = "hybrid|splade|bm25|all", defaultValue = "hybrid",
            description = "Spork's search mode(s) evaluated (default: ${DEFAULT-VALUE}, the default search)")
    String mode;

    @Option(names = "--queries", paramLabel = "test|train", defaultValue = BeirReader.TEST_SPLIT, description = "whose qrels' queries (default: ${DEFAULT-VALUE})")
    String split;

    @Option(names = "--sweep", arity = "0..1", description = "tune the fusion offline on train, report on test")
    boolean sweep;

    @Option(names = "--latency-k", paramLabel = "N", defaultValue = "10", description = "k of a multi-mode run's latency pass (default: ${DEFAULT-VALUE})")
    int latencyK;

    @Option(names = "--bm25-partitions", paramLabel = "N", defaultValue = "1",
            description = "with --model bm25: N parts each scored with its own statistics (default: ${DEFAULT-VALUE})")
    int bm25Partitions;

    /** The configuration given by the caller (tests); null: from --config and the environment. */
    private final SporkConfig givenConfig;
    private final PrintStream out;
    private final PrintStream err;

    public EvalCommand() {
        this(null, System.out, System.err);
    }

    private EvalCommand(SporkConfig givenConfig, PrintStream out, PrintStream err) {
        this.givenConfig = givenConfig;
        this.out = out;
        this.err = err;
    }

    /** {@code eval ARGS} on a given configuration, figures to out, progress and errors to err; returns the exit code. */
    static int run(String[] args, SporkConfig config, PrintStream out, PrintStream err) {
        return new CommandLine(new EvalCommand(config, out, err))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    @Override
    public Integer call() {
        EvalOptions options;
        try {
            options = EvalOptions.of(beir, k, Optional.ofNullable(runOut), removeQuery, model, mode, split, sweep, latencyK, bm25Partitions);
        } catch (EvalException e) {
            err.println("spork eval: " + e.getMessage());
            return EXIT_USAGE;
        }
        SporkConfig config = givenConfig != null ? givenConfig : configOptions.config();
        try {
            if (options.sweep()) {
                new FusionSweep(config, err).run(BeirReader.read(options.beirDir()), options, out);
            } else if (options.model() == EvalModel.SPORK) {
                evaluateModes(options, config, err, out);
            } else {
                evaluate(options, config, err).print(out);
            }
            return EXIT_OK;
        } catch (EvalException e) {
            err.println("spork eval: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** Spork through its API in one or more search modes, one ingest for all; figures prefixed by the mode when several. */
    static void evaluateModes(EvalOptions options, SporkConfig config, PrintStream progress, PrintStream out) {
        BeirDataset data = BeirReader.read(options.beirDir());
        Qrels qrels = options.split().equals(BeirReader.TEST_SPLIT) ? data.qrels() : BeirReader.readSplit(options.beirDir(), options.split());
        List<EvalQuery> queries = data.queriesOf(qrels);
        List<SearchMode> modes = options.mode().searchModes();
        progress.printf("spork eval: %s: %d documents, %d %s queries, modes %s%n",
                options.beirDir(), data.corpus().size(), queries.size(), options.split(), modes);
        MultiModeOutcome outcome = new SporkStackRetriever(config, progress)
                .retrieve(data.corpus(), queries, options.hitsToRetrieve(), modes, options.latencyK());
        boolean several = modes.size() > 1;
        for (SearchMode mode : modes) {
            RetrievalOutcome o = outcome.outcomes().get(mode);
            Run run = options.removeQuery() ? o.run().withoutQueryIdHits() : o.run();
            run = run.truncated(options.k());
            if (options.runOut().isPresent()) {
                Path file = several ? Path.of(options.runOut().get() + "." + mode.tag()) : options.runOut().get();
                TrecRunWriter.write(run, file, several ? "spork-" + mode.tag() : options.model().tag());
                progress.println("spork eval: run written to " + file);
            }
            new EvalReport(options, EvalScores.of(qrels, run), o, data.distinctDocumentCount(), queries.size(),
                    several ? mode.tag() + "." : "", mode.tag()).print(out);
        }
        if (several) {
            LatencySummary splade = outcome.latencyAtK().get(SearchMode.SPLADE);
            for (SearchMode mode : modes) {
                LatencySummary l = outcome.latencyAtK().get(mode);
                out.printf(Locale.ROOT, "latency_k%d.%s.p50_ms: %.2f%n", options.latencyK(), mode.tag(), l.p50Millis());
                out.printf(Locale.ROOT, "latency_k%d.%s.p99_ms: %.2f%n", options.latencyK(), mode.tag(), l.p99Millis());
            }
            LatencySummary hybrid = outcome.latencyAtK().get(SearchMode.HYBRID);
            if (splade != null && hybrid != null && splade.p50Millis() > 0) {
                out.printf(Locale.ROOT, "latency_k%d.hybrid_over_splade_p50: %.2f%n", options.latencyK(), hybrid.p50Millis() / splade.p50Millis());
            }
        }
    }

    static EvalReport evaluate(EvalOptions options, SporkConfig config, PrintStream progress) {
        BeirDataset data = BeirReader.read(options.beirDir());
        List<EvalQuery> queries = data.testQueries();
        progress.printf("spork eval: %s: %d documents, %d test queries, model %s%n",
                options.beirDir(), data.corpus().size(), queries.size(), options.model().tag());
        RetrievalOutcome outcome = switch (options.model()) {
            case EXACT -> new ExactRetriever(config, progress).retrieve(data.corpus(), queries, options.hitsToRetrieve());
            default -> new Bm25Retriever(progress, options.bm25Partitions()).retrieve(data.corpus(), queries, options.hitsToRetrieve());
        };
        Run run = options.removeQuery() ? outcome.run().withoutQueryIdHits() : outcome.run();
        run = run.truncated(options.k());
        if (options.runOut().isPresent()) {
            TrecRunWriter.write(run, options.runOut().get(), options.model().tag());
            progress.println("spork eval: run written to " + options.runOut().get());
        }
        return new EvalReport(options, EvalScores.of(data.qrels(), run), outcome, data.distinctDocumentCount(), queries.size());
    }
}
