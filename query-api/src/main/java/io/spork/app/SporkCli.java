package io.spork.app;

import io.spork.config.ConfigException;
import io.spork.encoder.ModelException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Spork's command line, run through the {@code ./spork} launcher: {@code dev}, {@code run},
 * {@code encode} and {@code help}, parsed by picocli (which writes the help from the annotations).
 * {@code bench} and {@code eval} are the tools module's, which the launcher runs from its own classpath.
 */
@Command(name = "./spork", synopsisSubcommandLabel = "COMMAND", mixinStandardHelpOptions = true, versionProvider = SporkCli.Version.class,
        description = "Spork: a streaming search engine for learned sparse retrieval (SPLADE) on Kafka Streams.",
        subcommands = {DevCommand.class, RunCommand.class, EncodeCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Commands of the tools module (the launcher runs them from tools/bench):",
                "  eval         index a BEIR data set on a fresh embedded stack and print",
                "               nDCG@10, R@100, R@1000 (./spork eval --help)",
                "  bench        benchmarks against Lucene and bare ONNX Runtime",
                "               (./spork bench --help; docs/benchmarks.md)",
                "Commands of the launcher itself:",
                "  onnxruntime  which ONNX Runtime build it runs here, cpu or gpu",
                "               (SPORK_ONNXRUNTIME=auto|cpu|gpu), and why",
                "  compose ARGS docker compose ARGS, the image built with the CUDA ONNX",
                "               Runtime when an NVIDIA GPU is present",
                "",
                "configuration: config/spork.properties documents every key and its default;",
                "SPORK_* environment variables override it (http.port -> SPORK_HTTP_PORT)."})
public final class SporkCli implements Runnable {
    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line with Spork's error handling: a configuration or model mistake is a usage error (exit 2). */
    public static CommandLine commandLine() {
        return withErrorHandling(new CommandLine(new SporkCli()), "spork");
    }

    /** Prints {@code PREFIX: message} for a configuration or model error and answers exit code 2; anything else propagates. */
    public static CommandLine withErrorHandling(CommandLine cl, String prefix) {
        return cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof ConfigException || e instanceof ModelException) {
                PrintWriter err = commandLine.getErr();
                err.println(prefix + ": " + e.getMessage());
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            throw e;
        });
    }

    /** {@code ./spork} alone prints the help. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Waits until the JVM is asked to stop, then closes what runs. */
    static void awaitShutdown(AutoCloseable running) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Spork is stopping...");
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("spork: error while stopping: " + e.getMessage());
            } finally {
                stopped.countDown();
            }
        }, "spork-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SporkCli.class.getPackage().getImplementationVersion();
            return new String[] {"spork " + (version == null ? "(development build)" : version)};
        }
    }
}
