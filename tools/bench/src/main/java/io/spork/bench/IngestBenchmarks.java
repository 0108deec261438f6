package io.spork.bench;

import io.spork.config.SporkConfig;
import java.util.Map;

/**
 * The benchmarks of the ingest side, which run Spork's own encoder or a whole embedded stack:
 * {@code ./spork bench encode}, {@code bench ingest}, {@code bench freshness}, {@code bench load} and
 * {@code bench index}.
 */
public final class IngestBenchmarks {
    private IngestBenchmarks() {
    }

    /** @param options --name to value, the benchmark's name under "subcommand" */
    public static int run(Map<String, String> options, SporkConfig config) throws Exception {
        return switch (options.get("subcommand")) {
            case "encode" -> EncodeBenchmark.run(options, config);
            case "ingest" -> IngestBenchmark.run(options, config);
            case "freshness" -> FreshnessBenchmark.run(options, config);
            case "load" -> LoadBenchmark.run(options, config);
            case "index" -> IndexBenchmark.run(options, config);
            default -> throw new IllegalArgumentException("unknown ingest benchmark '" + options.get("subcommand") + "'");
        };
    }
}
