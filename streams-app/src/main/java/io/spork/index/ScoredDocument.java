package io.spork.index;

import java.util.Comparator;

/**
 * A document id with its score. Results are ordered by score, best first, and equal scores by id
 * ascending, so per-partition top-k lists merge into the same global order on every instance.
 */
public record ScoredDocument(String id, float score) {
    public static final Comparator<ScoredDocument> BEST_FIRST =
            Comparator.comparing(ScoredDocument::score, Comparator.reverseOrder()).thenComparing(ScoredDocument::id);
}
