package io.spork.search;

import io.spork.cluster.ClusterMetadata;
import io.spork.cluster.InstanceAddress;
import io.spork.lexical.Bm25Statistics;
import io.spork.schema.SparseVector;
import io.spork.schema.search.Bm25Spec;
import io.spork.schema.search.HitDetails;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import io.spork.schema.search.RankedPart;
import io.spork.schema.search.SearchHit;
import io.spork.schema.search.TermStatistics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A search across the cluster, in the phases every mode shares, each asked of this instance and
 * every other one ({@link FanOut}); each partition is answered by the one instance the group's
 * assignment names:
 * <ol>
 *   <li>statistics (BM25 and hybrid): each partition's document count, total length and the query
 *       terms' document frequencies, summed into the cluster's, so a BM25 score is the one a single
 *       index gives;</li>
 *   <li>candidates: each side's exact top-N of every partition; scores need no other global
 *       statistics, so the merged lists are each side's exact global top-N; then fused (hybrid);</li>
 *   <li>dressing: title, snippet and explanations of the page's hits only, asked of the instance
 *       that holds each one.</li>
 * </ol>
 * A partition that did not answer, or answered one phase but not the other (a rebalance between
 * them), or an instance that did not answer, makes the page partial.
 */
public final class ClusterSearch {
    private final ClusterMetadata metadata;
    private final FanOut fanOut;

    public ClusterSearch(ClusterMetadata metadata, Shard local, PeerTransport peers) {
        this.metadata = metadata;
        this.fanOut = new FanOut(metadata.self(), local, peers);
    }

    public SearchPage search(SearchRequest request) {
        int n = request.candidates();
        Map<InstanceAddress, Set<Integer>> assignment = new LinkedHashMap<>();
        assignment.put(metadata.self(), metadata.activePartitions());
        assignment.putAll(metadata.peers());
        boolean failed = false;
        Bm25Spec bm25 = null;
        Set<Integer> counted = null;
        if (request.mode().usesBm25()) {
            List<String> terms = List.copyOf(request.bm25().termCounts().keySet());
            FanOut.Answers statistics = fanOut.ask(each(assignment, partitions -> PeerRequest.statistics(partitions, terms)));
            Map<Integer, TermStatistics> byPartition = new TreeMap<>();
            // During a hand-over two instances may both serve a partition: count it once.
            statistics.byInstance().values().forEach(a -> a.statistics().forEach(byPartition::putIfAbsent));
            failed = statistics.failed();
            counted = byPartition.keySet();
            bm25 = LexicalForms.spec(request.bm25(), Bm25Statistics.sum(byPartition.values().stream().map(LexicalForms::statistics).toList()),
                    request.parameters());
        }
        SparseVector splade = request.mode().usesSplade() ? request.splade() : null;
        Bm25Spec lexical = bm25;
        FanOut.Answers candidates = fanOut.ask(each(assignment, partitions -> PeerRequest.candidates(partitions, splade, lexical, n)));
        failed |= candidates.failed();
        List<SearchHit> spladeAll = new ArrayList<>();
        List<SearchHit> bm25All = new ArrayList<>();
        Map<String, InstanceAddress> holder = new HashMap<>();
        Set<Integer> answered = new TreeSet<>();
        // This instance's answer comes first: its own candidates are dressed here, whoever else also returned them.
        candidates.byInstance().forEach((instance, answer) -> {
            spladeAll.addAll(answer.splade());
            bm25All.addAll(answer.bm25());
            answer.splade().forEach(c -> holder.putIfAbsent(c.id(), instance));
            answer.bm25().forEach(c -> holder.putIfAbsent(c.id(), instance));
            answered.addAll(answer.partitions());
        });
        List<SearchHit> ranked = switch (request.mode()) {
            case HYBRID -> Fusion.fuse(topN(spladeAll, n), topN(bm25All, n), request.fusion());
            case BM25 -> asRanking(topN(bm25All, n));
            case SPLADE -> topN(spladeAll, n);
        };
        List<SearchHit> page = request.offset() >= ranked.size() ? List.of()
                : ranked.subList(request.offset(), Math.min(ranked.size(), request.end()));
        FanOut.Answers dressed = fanOut.ask(dressRequests(page, holder, splade, lexical, request));
        Map<String, HitDetails> details = new HashMap<>();
        dressed.byInstance().values().forEach(a -> a.hits().forEach(d -> details.put(d.id(), d)));
        List<SearchHit> hits = page.stream().map(hit -> hit.dressed(details.get(hit.id()))).toList();
        int total = metadata.partitionCount();
        boolean partial = failed || dressed.failed() || answered.size() < total || counted != null && !answered.equals(counted);
        return new SearchPage(hits, answered, total, partial, lexical == null ? null : LexicalForms.scoring(lexical), n);
    }

    private static Map<InstanceAddress, PeerRequest> each(Map<InstanceAddress, Set<Integer>> assignment,
                                                          Function<Set<Integer>, PeerRequest> request) {
        Map<InstanceAddress, PeerRequest> requests = new LinkedHashMap<>();
        assignment.forEach((instance, partitions) -> requests.put(instance, request.apply(partitions)));
        return requests;
    }

    private static Map<InstanceAddress, PeerRequest> dressRequests(List<SearchHit> page, Map<String, InstanceAddress> holder,
                                                                   SparseVector splade, Bm25Spec bm25, SearchRequest request) {
        Map<InstanceAddress, List<String>> idsByHolder = new LinkedHashMap<>();
        page.forEach(hit -> idsByHolder.computeIfAbsent(holder.get(hit.id()), h -> new ArrayList<>()).add(hit.id()));
        Map<InstanceAddress, PeerRequest> requests = new LinkedHashMap<>();
        idsByHolder.forEach((instance, ids) -> requests.put(instance,
                PeerRequest.dress(ids, splade, bm25, request.explain(), request.snippetWords())));
        return requests;
    }

    /** Merged per-instance lists into one side's global top-n (an id twice only during a hand-over: kept once). */
    static List<SearchHit> topN(List<SearchHit> all, int n) {
        all.sort(SearchHit.BEST_FIRST);
        List<SearchHit> unique = new ArrayList<>(Math.min(n, all.size()));
        Set<String> seen = new HashSet<>();
        for (SearchHit hit : all) {
            if (unique.size() == n) {
                break;
            }
            if (seen.add(hit.id())) {
                unique.add(hit);
            }
        }
        return unique;
    }

    /** BM25 alone: its own ranking, each hit's score its BM25 score. */
    private static List<SearchHit> asRanking(List<SearchHit> bm25) {
        List<SearchHit> ranked = new ArrayList<>(bm25.size());
        for (int i = 0; i < bm25.size(); i++) {
            SearchHit d = bm25.get(i);
            ranked.add(SearchHit.ranked(d.id(), d.score(), null, new RankedPart((float) d.score(), i + 1, d.score())));
        }
        return ranked;
    }
}
