package io.spork.index;

import java.util.List;

/** Top-k hits and the partitions that answered for them. */
public record SearchResult(List<ScoredDocument> hits, List<Integer> partitions) {
    public SearchResult {
        hits = List.copyOf(hits);
        partitions = List.copyOf(partitions);
    }
}
