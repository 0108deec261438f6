package io.spork.schema.search;

import java.util.List;
import java.util.Map;

/**
 * An instance's answer to a {@link PeerRequest}: the partitions that answered and, by phase, the
 * statistics per partition, each side's candidates (id and score), or the hits' details (empty where not asked).
 */
public record PeerResponse(List<Integer> partitions, Map<Integer, TermStatistics> statistics, List<SearchHit> splade,
                           List<SearchHit> bm25, List<HitDetails> hits) {
    public PeerResponse {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
        statistics = statistics == null ? Map.of() : Map.copyOf(statistics);
        splade = splade == null ? List.of() : List.copyOf(splade);
        bm25 = bm25 == null ? List.of() : List.copyOf(bm25);
        hits = hits == null ? List.of() : List.copyOf(hits);
    }

    public static PeerResponse statistics(Map<Integer, TermStatistics> byPartition) {
        return new PeerResponse(List.copyOf(byPartition.keySet()), byPartition, null, null, null);
    }

    public static PeerResponse candidates(List<Integer> partitions, List<SearchHit> splade, List<SearchHit> bm25) {
        return new PeerResponse(partitions, null, splade, bm25, null);
    }

    public static PeerResponse dressed(List<HitDetails> hits) {
        return new PeerResponse(null, null, null, null, hits);
    }
}
