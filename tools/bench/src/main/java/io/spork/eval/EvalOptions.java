package io.spork.eval;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The options of {@code ./spork eval}.
 *
 * @param beirDir     --beir DIR, the BEIR data set directory (required)
 * @param k           --k N, hits per query (default 1000)
 * @param runOut      --run-out FILE, where to write the TREC run file, if given
 * @param removeQuery --remove-query, drop hits whose document id equals the query id
 * @param model       --model spork|exact|bm25 (default spork)
 * @param mode        --mode hybrid|splade|bm25|all, the search modes of Spork evaluated (default hybrid, the default search)
 * @param split       --queries test|train, whose qrels' queries are evaluated (default test)
 * @param sweep       --sweep, the offline fusion sweep (tuned on train, reported on test) instead of a plain run
 * @param latencyK    --latency-k N, k of the interleaved latency pass of a multi-mode run (default 10)
 * @param bm25Partitions --bm25-partitions N, with --model bm25: N parts each scored with its own statistics (default 1)
 */
public record EvalOptions(Path beirDir, int k, Optional<Path> runOut, boolean removeQuery, EvalModel model, EvalMode mode,
                          String split, boolean sweep, int latencyK, int bm25Partitions) {
    public static final int DEFAULT_K = 1000;
    public static final int DEFAULT_LATENCY_K = 10;

    /** The options of a plain run of one model (tests, and the defaults of the new options). */
    public EvalOptions(Path beirDir, int k, Optional<Path> runOut, boolean removeQuery, EvalModel model) {
        this(beirDir, k, runOut, removeQuery, model, EvalMode.HYBRID, BeirReader.TEST_SPLIT, false, DEFAULT_LATENCY_K, 1);
    }

    /** The options as EvalCommand parsed them, checked; model, mode and split as given on the command line. */
    static EvalOptions of(Path beirDir, int k, Optional<Path> runOut, boolean removeQuery, String model, String mode, String split,
                          boolean sweep, int latencyK, int bm25Partitions) {
        if (beirDir == null || beirDir.toString().isBlank()) {
            throw new EvalException("eval needs --beir DIR; " + EvalCommand.USAGE);
        }
        if (!split.equals(BeirReader.TEST_SPLIT) && !split.equals(BeirReader.TRAIN_SPLIT)) {
            throw new EvalException("--queries must be test or train, got '" + split + "'");
        }
        EvalModel evalModel = EvalModel.parse(model);
        if (sweep && evalModel != EvalModel.SPORK) {
            throw new EvalException("--sweep fuses Spork's own SPLADE and BM25 runs: it needs --model spork");
        }
        return new EvalOptions(beirDir, positive(k, "--k"), runOut, removeQuery, evalModel, EvalMode.parse(mode), split, sweep,
                positive(latencyK, "--latency-k"), positive(bm25Partitions, "--bm25-partitions"));
    }

    private static int positive(int value, String option) {
        if (value <= 0) {
            throw new EvalException(option + " must be a whole number above 0, got '" + value + "'");
        }
        return value;
    }

    /** Hits to ask the engine for: one more than k with --remove-query, so k remain after the removal. */
    public int hitsToRetrieve() {
        return removeQuery ? k + 1 : k;
    }
}
