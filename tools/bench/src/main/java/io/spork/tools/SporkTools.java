package io.spork.tools;

import io.spork.app.CommandLine;
import io.spork.bench.BenchCommand;
import io.spork.bench.IngestBenchmarks;
import io.spork.config.ConfigException;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.ModelException;
import io.spork.eval.EvalCommand;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The tools' command line, which the {@code ./spork} launcher runs for {@code bench} and {@code eval}
 * from the tools module's classpath, so that neither ships with the product.
 */
public final class SporkTools {
    private SporkTools() {
    }

    public static void main(String[] args) {
        try {
            int code = run(CommandLine.parse(args));
            if (code != 0) {
                System.exit(code);
            }
        } catch (CommandLine.UsageException | ConfigException | ModelException e) {
            System.err.println("spork: " + e.getMessage());
            System.exit(2);
        }
    }

    static int run(CommandLine cl) {
        return switch (cl.command()) {
            case "bench" -> bench(cl);
            case "eval" -> EvalCommand.run(cl.options(), config(cl));
            default -> {
                System.err.println("spork: the tools run 'bench' and 'eval', not '" + cl.command() + "' (./spork help)");
                yield 2;
            }
        };
    }

    static SporkConfig config(CommandLine cl) {
        SporkConfig.Builder builder = SporkConfig.builder();
        cl.option("config").ifPresent(file -> builder.file(Path.of(file)));
        builder.environment(System.getenv());
        cl.option("port").ifPresent(port -> builder.set(ConfigKeys.HTTP_PORT, port));
        return builder.build();
    }

    private static int bench(CommandLine cl) {
        Map<String, String> options = new HashMap<>(cl.options());
        options.put("subcommand", cl.positional().isEmpty() ? "" : cl.positional().get(0));
        try {
            return switch (options.get("subcommand")) {
                case "encode", "ingest", "freshness", "load", "index" -> IngestBenchmarks.run(options, config(cl));
                default -> BenchCommand.run(options);
            };
        } catch (Exception e) {
            System.err.println("spork bench: " + e.getMessage());
            return 1;
        }
    }
}
