package io.spork.search;

/**
 * How a hybrid search fuses: the method, the SPLADE side's weight (BM25 gets 1 - weight), RRF's
 * rank constant, and how many candidates each side contributes (its exact top-N; at least k + offset
 * of the page asked for, see {@link #candidatesFor}).
 */
public record FusionSettings(FusionMethod method, double spladeWeight, int rrfK, int candidates) {
    public FusionSettings {
        if (!(spladeWeight >= 0 && spladeWeight <= 1)) {
            throw new IllegalArgumentException("the SPLADE weight of a fusion must be between 0 and 1, got " + spladeWeight);
        }
        if (rrfK < 1) {
            throw new IllegalArgumentException("rrf_k must be at least 1, got " + rrfK);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("the candidates of a fusion must be at least 1, got " + candidates);
        }
    }

    /** Candidates per side for a page ending at {@code end} (k + offset): never fewer than the page needs. */
    public int candidatesFor(int end) {
        return Math.max(candidates, end);
    }

    public FusionSettings withMethod(FusionMethod m) {
        return new FusionSettings(m, spladeWeight, rrfK, candidates);
    }

    public FusionSettings withSpladeWeight(double w) {
        return new FusionSettings(method, w, rrfK, candidates);
    }

    public FusionSettings withRrfK(int k) {
        return new FusionSettings(method, spladeWeight, k, candidates);
    }

    public FusionSettings withCandidates(int n) {
        return new FusionSettings(method, spladeWeight, rrfK, n);
    }
}
