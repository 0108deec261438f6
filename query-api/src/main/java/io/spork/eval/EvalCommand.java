package io.spork.eval;

import io.spork.config.SporkConfig;
import java.util.Map;

/** Placeholder entry point of `./spork eval`; replaced by the evaluation implementation. */
public final class EvalCommand {
    private EvalCommand() {
    }

    public static int run(Map<String, String> options, SporkConfig config) {
        throw new UnsupportedOperationException("./spork eval is not built yet");
    }
}
