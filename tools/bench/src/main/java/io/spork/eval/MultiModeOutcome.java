package io.spork.eval;

import io.spork.api.SearchMode;
import java.util.Map;

/**
 * One evaluation stack's results for each search mode: the runs and their efficiency figures, and,
 * with more than one mode, the latencies of the interleaved pass at the latency k.
 */
record MultiModeOutcome(Map<SearchMode, RetrievalOutcome> outcomes, Map<SearchMode, LatencySummary> latencyAtK) {
}
