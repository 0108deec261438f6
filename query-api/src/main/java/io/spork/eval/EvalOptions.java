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
 */
public record EvalOptions(Path beirDir, int k, Optional<Path> runOut, boolean removeQuery, EvalModel model) {
    public static final int DEFAULT_K = 1000;
    /** The options eval reads, plus those the launcher handles for every command (--config, --port). */
    private static final Set<String> KNOWN = Set.of("beir", "k", "run-out", "remove-query", "model", "config", "port");

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
        return new EvalOptions(Path.of(beir), parseK(options.get("k")),
                Optional.ofNullable(options.get("run-out")).map(Path::of),
                options.containsKey("remove-query") && !"false".equalsIgnoreCase(options.get("remove-query")),
                EvalModel.parse(options.getOrDefault("model", EvalModel.SPORK.tag())));
    }

    private static int parseK(String value) {
        if (value == null) {
            return DEFAULT_K;
        }
        try {
            int k = Integer.parseInt(value.trim());
            if (k > 0) {
                return k;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new EvalException("--k must be a whole number above 0, got '" + value + "'");
    }

    /** Hits to ask the engine for: one more than k with --remove-query, so k remain after the removal. */
    public int hitsToRetrieve() {
        return removeQuery ? k + 1 : k;
    }
}
