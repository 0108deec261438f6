package io.spork.schema.search;

/**
 * One side's part in a fused hit: its own score and 1-based rank in that side's top-N, and the
 * normalised value the fusion used (z-score, 0..1, or 1 / (rrf_k + rank)).
 */
public record RankedPart(float score, int rank, double normalized) {
}
