package io.spork.bench;

import io.spork.app.CommandLine;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code ./spork bench SUBCOMMAND [--name value ...]}: Spork's benchmarks.
 * <pre>
 * bench query [--docs 1000000] [--queries 1000] [--shape msmarco|scifact] [--seed 42] [--dir DIR]
 *       Spork's in-memory index (loaded through its RocksDB stores) against Lucene FeatureField
 * bench stats --corpus corpus.jsonl --queries queries.jsonl --out stats.json [--model-dir DIR]
 *       measure the SPLADE statistics the query benchmark generates its corpus from
 * </pre>
 */
public final class BenchCommand {
    private BenchCommand() {
    }

    /**
     * Runs a benchmark.
     *
     * @param options --name to value; the subcommand (the first word after {@code bench}) under "subcommand"
     * @return the process exit code
     */
    public static int run(Map<String, String> options) {
        String subcommand = options.getOrDefault("subcommand", "");
        try {
            switch (subcommand) {
                case "query":
                    return QueryBenchmark.run(QueryBenchmark.Options.from(options));
                case "stats":
                    return StatsExtractor.run(options);
                case "", "help":
                    System.out.println(usage());
                    return subcommand.isEmpty() ? 2 : 0;
                default:
                    System.err.println("spork bench: unknown benchmark '" + subcommand + "'\n" + usage());
                    return 2;
            }
        } catch (IllegalArgumentException e) {
            System.err.println("spork bench " + subcommand + ": " + e.getMessage());
            return 2;
        }
    }

    public static String usage() {
        return String.join("\n",
                "usage: ./spork bench query [--docs 1000000] [--queries 1000] [--shape msmarco|scifact] [--seed 42] [--dir DIR]",
                "         Spork's in-memory index (loaded through its RocksDB stores) against Lucene FeatureField, top-10",
                "       ./spork bench stats --corpus corpus.jsonl --queries queries.jsonl --out stats.json [--model-dir DIR]",
                "         encode a BEIR corpus and measure the SPLADE statistics the query benchmark draws from");
    }

    /** "--name value" and "--name=value" pairs (parsed as the launcher's command line is); the first bare word is the subcommand. */
    static Map<String, String> parseOptions(String[] args) {
        String[] withCommand = new String[args.length + 1];
        withCommand[0] = "bench";
        System.arraycopy(args, 0, withCommand, 1, args.length);
        CommandLine cl;
        try {
            cl = CommandLine.parse(withCommand);
        } catch (CommandLine.UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (cl.positional().size() > 1) {
            throw new IllegalArgumentException("unexpected argument '" + cl.positional().get(1) + "'");
        }
        Map<String, String> options = new HashMap<>(cl.options());
        if (!cl.positional().isEmpty()) {
            options.put("subcommand", cl.positional().get(0));
        }
        return options;
    }
}
