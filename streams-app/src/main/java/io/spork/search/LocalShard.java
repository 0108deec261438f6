package io.spork.search;

import io.spork.cluster.ClusterMetadata;
import io.spork.cluster.LocalStores;
import io.spork.encoder.Vocabulary;
import io.spork.index.SearchResult;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import io.spork.schema.search.SearchHit;
import io.spork.schema.search.TermStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Answers one phase of a search from this instance's own partitions: for a search received here,
 * and for another instance's ({@code POST /internal/search}). Only partitions the group's
 * assignment gives this instance answer: an index left behind on an instance the partition moved
 * away from (or a copy still held during a hand-over) must not answer with older documents.
 */
public final class LocalShard implements Shard {
    private final ClusterMetadata metadata;
    private final LocalStores stores;
    private final HitDressing dressing;

    public LocalShard(ClusterMetadata metadata, LocalStores stores, Vocabulary vocabulary) {
        this.metadata = metadata;
        this.stores = stores;
        this.dressing = new HitDressing(stores, vocabulary);
    }

    /** @throws IllegalArgumentException when the request's BM25 statistics or parameters are not valid */
    @Override
    public PeerResponse answer(PeerRequest request) {
        Set<Integer> partitions = new TreeSet<>(metadata.activePartitions());
        if (request.partitions() != null) {
            partitions.retainAll(request.partitions());
        }
        return switch (request.phase()) {
            case STATISTICS -> {
                Map<Integer, TermStatistics> byPartition = new TreeMap<>();
                stores.lexicalStatistics(request.terms(), partitions).forEach((p, s) -> byPartition.put(p, LexicalForms.wire(s)));
                yield PeerResponse.statistics(byPartition);
            }
            case CANDIDATES -> candidates(request, partitions);
            case DRESS -> PeerResponse.dressed(dressing.dress(request.ids(), request.splade(), request.bm25(), request.explain(),
                    request.snippetWords()));
        };
    }

    /** Each side's exact top-n over the partitions (a side not asked for is not searched). */
    private PeerResponse candidates(PeerRequest request, Set<Integer> partitions) {
        SearchResult splade = request.splade() == null ? null : stores.search(request.splade(), request.n(), partitions);
        SearchResult bm25 = request.bm25() == null ? null
                : stores.searchLexical(LexicalForms.scoring(request.bm25()), request.n(), partitions);
        Set<Integer> answered = new TreeSet<>();
        if (splade != null) {
            answered.addAll(splade.partitions());
        }
        if (bm25 != null) {
            answered.addAll(bm25.partitions());
        }
        return PeerResponse.candidates(List.copyOf(answered), wire(splade), wire(bm25));
    }

    private static List<SearchHit> wire(SearchResult result) {
        return result == null ? List.of() : result.hits().stream().map(d -> SearchHit.of(d.id(), d.score())).toList();
    }
}
