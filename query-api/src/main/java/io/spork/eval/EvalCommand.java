package io.spork.eval;

import io.spork.config.SporkConfig;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code ./spork eval}: retrieval quality and speed on a BEIR data set.
 * <pre>
 * ./spork eval --beir DIR [--k 1000] [--run-out FILE] [--remove-query] [--model spork|exact|bm25]
 * </pre>
 * With {@code --model spork} (the default) it indexes the corpus on a fresh embedded Spork stack
 * through Kafka and queries it over HTTP ({@link SporkStackRetriever}); with {@code --model exact}
 * the same encoder scores every document by brute force ({@link ExactRetriever}), the figure the
 * pipeline must reproduce; with {@code --model bm25}
 * it runs BEIR's Lucene BM25 baseline in memory ({@link Bm25Retriever}). It prints nDCG@10,
 * recall@100 and recall@1000 as trec_eval computes them ({@link RetrievalMetrics}), ingest and query
 * speed, and with {@code --run-out} writes the run as a TREC run file ({@link TrecRunWriter}).
 * Progress goes to stderr, the figures to stdout (see {@link EvalReport}).
 */
public final class EvalCommand {
    static final String USAGE = "usage: ./spork eval --beir DIR [--k 1000] [--run-out FILE] [--remove-query] [--model spork|exact|bm25]";
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private EvalCommand() {
    }

    /** The entry point of the launcher: figures to stdout, progress and errors to stderr; returns the exit code. */
    public static int run(Map<String, String> options, SporkConfig config) {
        return run(options, config, System.out, System.err);
    }

    static int run(Map<String, String> rawOptions, SporkConfig config, PrintStream out, PrintStream err) {
        EvalOptions options;
        try {
            options = EvalOptions.parse(rawOptions);
        } catch (EvalException e) {
            err.println("spork eval: " + e.getMessage());
            return EXIT_USAGE;
        }
        try {
            evaluate(options, config, err).print(out);
            return EXIT_OK;
        } catch (EvalException e) {
            err.println("spork eval: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    static EvalReport evaluate(EvalOptions options, SporkConfig config, PrintStream progress) {
        BeirDataset data = BeirReader.read(options.beirDir());
        List<EvalQuery> queries = data.testQueries();
        progress.printf("spork eval: %s: %d documents, %d test queries, model %s%n",
                options.beirDir(), data.corpus().size(), queries.size(), options.model().tag());
        RetrievalOutcome outcome = switch (options.model()) {
            case SPORK -> new SporkStackRetriever(config, progress).retrieve(data.corpus(), queries, options.hitsToRetrieve());
            case EXACT -> new ExactRetriever(config, progress).retrieve(data.corpus(), queries, options.hitsToRetrieve());
            case BM25 -> new Bm25Retriever(progress).retrieve(data.corpus(), queries, options.hitsToRetrieve());
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
