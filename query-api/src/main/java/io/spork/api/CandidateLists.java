package io.spork.api;

import io.spork.index.ScoredDocument;
import java.util.List;

/**
 * Phase two of a BM25 or hybrid search on one instance: the exact top-n of its partitions by each
 * side (a side not asked for is empty), undressed, and the partitions that answered.
 */
public record CandidateLists(List<ScoredDocument> splade, List<ScoredDocument> bm25, List<Integer> partitions) {
    public CandidateLists {
        splade = splade == null ? List.of() : List.copyOf(splade);
        bm25 = bm25 == null ? List.of() : List.copyOf(bm25);
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }
}
