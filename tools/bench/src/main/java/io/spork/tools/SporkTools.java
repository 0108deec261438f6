package io.spork.tools;

import io.spork.bench.BenchCommand;
import io.spork.bench.ToolErrors;
import io.spork.eval.EvalCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The tools' command line, which the {@code ./spork} launcher runs for {@code bench} and {@code eval}
 * from the tools module's classpath, so that neither ships with the product.
 */
@Command(name = "./spork", synopsisSubcommandLabel = "bench|eval", mixinStandardHelpOptions = true,
        description = "Spork's tools: the benchmarks and the retrieval evaluation (./spork help lists the product's commands).",
        subcommands = {EvalCommand.class, BenchCommand.class})
public final class SporkTools implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static CommandLine commandLine() {
        return ToolErrors.handled(new CommandLine(new SporkTools()));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
