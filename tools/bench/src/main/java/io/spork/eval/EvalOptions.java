package io.spork.eval;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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
    /** The options eval reads, plus those the launcher handles for every command (--config, --port). */
    private static final Set<String> KNOWN = Set.of("beir", "k", "run-out", "remove-query", "model", "mode", "queries", "sweep",
            "latency-k", "bm25-partitions", "config", "port");

    /** The options of a plain run of one model (tests, and the defaults of the new options). */
    public EvalOptions(Path beirDir, int k, Optional<Path> runOut, boolean removeQuery, EvalModel model) {
        this(beirDir, k, runOut, removeQuery, model, EvalMode.HYBRID, BeirReader.TEST_SPLIT, false, DEFAULT_LATENCY_K, 1);
    }

    public static EvalOptions parse(Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new EvalException("unknown option --" + unknown.iterator().next() + "; " + EvalCommand.USAGE);
        }
        String beir = options.get("beir");
        if (beir == null || beir.isBlank()) {
            throw new EvalException("eval needs --beir DIR; " + EvalCommand.USAGE);
        }
        String split = options.getOrDefault("queries", BeirReader.TEST_SPLIT);
        if (!split.equals(BeirReader.TEST_SPLIT) && !split.equals(BeirReader.TRAIN_SPLIT)) {
            throw new EvalException("--queries must be test or train, got '" + split + "'");
        }
        EvalModel model = EvalModel.parse(options.getOrDefault("model", EvalModel.SPORK.tag()));
        boolean sweep = flag(options, "sweep");
        if (sweep && model != EvalModel.SPORK) {
            throw new EvalException("--sweep fuses Spork's own SPLADE and BM25 runs: it needs --model spork");
        }
        return new EvalOptions(Path.of(beir), parseK(options.get("k"), DEFAULT_K, "--k"),
                Optional.ofNullable(options.get("run-out")).map(Path::of),
                flag(options, "remove-query"), model,
                EvalMode.parse(options.getOrDefault("mode", EvalMode.HYBRID.tag())), split, sweep,
                parseK(options.get("latency-k"), DEFAULT_LATENCY_K, "--latency-k"),
                parseK(options.get("bm25-partitions"), 1, "--bm25-partitions"));
    }

    private static boolean flag(Map<String, String> options, String name) {
        return options.containsKey(name) && !"false".equalsIgnoreCase(options.get(name));
    }

    private static int parseK(String value, int defaultValue, String option) {
        if (value == null) {
            return defaultValue;
        }
        try {
            int k = Integer.parseInt(value.trim());
            if (k > 0) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new EvalException(option + " must be a whole number above 0, got '" + value + "'");
    }

    /** Hits to ask the engine for: one more than k with --remove-query, so k remain after the removal. */
    public int hitsToRetrieve() {
        return removeQuery ? k + 1 : k;
    }
}
