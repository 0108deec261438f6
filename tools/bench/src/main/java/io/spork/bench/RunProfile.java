package io.spork.bench;

import io.spork.encoder.EncoderStats;

/**
 * What the model computed in one benchmark side: model runs, tokens of the windows, tokens with
 * padding (rows x longest window per run) and time inside ONNX Runtime. Comparing the two sides'
 * padded tokens and time per padded token tells padding apart from a slower model.
 */
record RunProfile(long runs, long tokens, long paddedTokens, long runNanos) {
    static RunProfile of(EncoderStats stats) {
        return new RunProfile(stats.modelRuns(), stats.tokens(), stats.paddedTokens(), stats.runNanos());
    }

    RunProfile minus(RunProfile earlier) {
        return new RunProfile(runs - earlier.runs, tokens - earlier.tokens, paddedTokens - earlier.paddedTokens, runNanos - earlier.runNanos);
    }

    String describe(long documents) {
        return String.format("%d model runs, %.1f documents and %.0f padded tokens per run, padding %.1f%%, %.1f us per padded token,"
                        + " %.1f s in ONNX Runtime", runs, (double) documents / Math.max(1, runs), (double) paddedTokens / Math.max(1, runs),
                100.0 * (paddedTokens - tokens) / Math.max(1, paddedTokens), runNanos / 1e3 / Math.max(1, paddedTokens), runNanos / 1e9);
    }
}
