package io.spork.bench;

import io.spork.config.ConfigException;
import io.spork.encoder.ModelException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How a tool's errors end: a value the tool refuses (IllegalArgumentException), a configuration or
 * model mistake is a usage error (exit 2); anything else a failure (exit 1); both print one line,
 * {@code PREFIX: message}, the tools' boundary.
 */
public final class ToolErrors {
    private ToolErrors() {
    }

    public static CommandLine handled(CommandLine cl, String prefix) {
        return cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(prefix + ": " + e.getMessage());
            err.flush();
            boolean usage = e instanceof IllegalArgumentException || e instanceof ConfigException || e instanceof ModelException;
            return usage ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
    }
}
