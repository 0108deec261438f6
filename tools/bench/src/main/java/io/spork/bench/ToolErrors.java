package io.spork.bench;

import io.spork.config.ConfigException;
import io.spork.encoder.ModelException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How a tool's errors end, at the tools' boundary: one line, {@code spork bench index: message} (the
 * command that failed, then why). A value the tool refuses (IllegalArgumentException), a
 * configuration or a model mistake is a usage error (exit 2); anything else a failure (exit 1).
 */
public final class ToolErrors {
    private ToolErrors() {
    }

    public static CommandLine handled(CommandLine cl) {
        return cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println(commandLine.getCommandSpec().qualifiedName().replaceFirst("^\\./spork", "spork") + ": " + e.getMessage());
            err.flush();
            boolean usage = e instanceof IllegalArgumentException || e instanceof ConfigException || e instanceof ModelException;
            return usage ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
    }
}
