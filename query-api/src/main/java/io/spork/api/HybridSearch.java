package io.spork.api;

import io.spork.fusion.FusedHit;
import io.spork.fusion.Fusion;
import io.spork.fusion.FusionSettings;
import io.spork.fusion.RankedPart;
import io.spork.index.ScoredDocument;
import io.spork.lexical.Bm25Parameters;
import io.spork.lexical.Bm25Query;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import io.spork.schema.SparseVector;
import io.spork.topology.SporkStreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BM25 and hybrid searches across the cluster, in three phases over this instance and every
 * other one (found through application.server):
 * <ol>
 *   <li>statistics: each partition's document count, total length and the query terms' document
 *       frequencies, summed into the cluster's, so a BM25 score is the one a single index gives;</li>
 *   <li>candidates: each side's exact top-N of every partition under those statistics, merged
 *       into each side's global top-N and fused ({@link Fusion});</li>
 *   <li>dressing: title, snippet and explanations of the page's hits, asked of the instance that
 *       holds each one.</li>
 * </ol>
 * A partition that did not answer a phase, or answered one phase but not the other (a rebalance
 * between them), makes the result partial.
 */
public final class HybridSearch {
    private static final Logger LOG = LoggerFactory.getLogger(HybridSearch.class);

    /** One page of a BM25 or hybrid ranking. */
    public record Result(List<FusedHitView> hits, Set<Integer> answered, int totalPartitions, boolean partial, Bm25Scoring scoring,
                         int candidates) {
    }

    /** What to search: the mode, both queries (SPLADE null in bm25 mode), fusion and BM25 settings, the page. */
    public record Request(SearchMode mode, SparseVector splade, Bm25Query bm25, Bm25Parameters parameters, FusionSettings fusion,
                          int k, int offset, boolean explain, Set<String> snippetWords) {
    }

    private final SporkStreams streams;
    private final LocalSearch local;
    private final PeerSearchClient peers;
    private final IntSupplier totalPartitions;

    public HybridSearch(SporkStreams streams, LocalSearch local, PeerSearchClient peers, IntSupplier totalPartitions) {
        this.streams = streams;
        this.local = local;
        this.peers = peers;
        this.totalPartitions = totalPartitions;
    }

    public Result search(Request request) {
        int end = request.k() + request.offset();
        int n = request.mode() == SearchMode.HYBRID ? request.fusion().candidatesFor(end) : end;
        List<HostInfo> others = new ArrayList<>(streams.peers().keySet());
        boolean failed = false;

        Map<Integer, Bm25Statistics> byPartition = new TreeMap<>(local.lexicalStatistics(request.bm25().termCounts().keySet()));
        List<CompletableFuture<Map<Integer, Bm25Statistics>>> statsPending = new ArrayList<>();
        others.forEach(peer -> statsPending.add(peers.lexicalStatistics(peer, request.bm25().termCounts().keySet())));
        for (int i = 0; i < others.size(); i++) {
            try {
                // During a hand-over two instances may both serve a partition: count it once.
                statsPending.get(i).join().forEach(byPartition::putIfAbsent);
            } catch (RuntimeException e) {
                failed = true;
                LOG.warn("instance {} did not answer a statistics request: {}", others.get(i), e.getMessage());
            }
        }
        Bm25Statistics cluster = Bm25Statistics.sum(byPartition.values());
        LexicalSearchSpec lexical = LexicalSearchSpec.of(request.bm25(), cluster, request.parameters());
        SparseVector splade = request.mode().usesSplade() ? request.splade() : null;

        List<CompletableFuture<CandidateLists>> pending = new ArrayList<>();
        others.forEach(peer -> pending.add(peers.candidates(peer, splade, lexical, n)));
        CandidateLists mine = local.candidates(splade, lexical, n);
        List<ScoredDocument> spladeAll = new ArrayList<>(mine.splade());
        List<ScoredDocument> bm25All = new ArrayList<>(mine.bm25());
        Map<String, HostInfo> holder = new HashMap<>();
        Set<Integer> answered = new TreeSet<>(mine.partitions());
        for (int i = 0; i < others.size(); i++) {
            try {
                CandidateLists theirs = pending.get(i).join();
                spladeAll.addAll(theirs.splade());
                bm25All.addAll(theirs.bm25());
                answered.addAll(theirs.partitions());
                HostInfo peer = others.get(i);
                theirs.splade().forEach(d -> holder.putIfAbsent(d.id(), peer));
                theirs.bm25().forEach(d -> holder.putIfAbsent(d.id(), peer));
            } catch (RuntimeException e) {
                failed = true;
                LOG.warn("instance {} did not answer a candidates request: {}", others.get(i), e.getMessage());
            }
        }
        // Local candidates are dressed here, whoever else also returned them.
        mine.splade().forEach(d -> holder.put(d.id(), streams.self()));
        mine.bm25().forEach(d -> holder.put(d.id(), streams.self()));

        List<FusedHit> ranked = request.mode() == SearchMode.HYBRID
                ? Fusion.fuse(topN(spladeAll, n), topN(bm25All, n), request.fusion())
                : asRanking(topN(bm25All, n));
        List<FusedHit> page = request.offset() >= ranked.size() ? List.of()
                : ranked.subList(request.offset(), Math.min(ranked.size(), end));
        Map<String, HitDetails> details = new HashMap<>();
        failed |= !dress(page, holder, splade, lexical, request, details);

        List<FusedHitView> hits = new ArrayList<>(page.size());
        for (FusedHit hit : page) {
            HitDetails d = details.get(hit.id());
            hits.add(new FusedHitView(hit.id(), hit.score(), d == null ? null : d.title(), d == null ? null : d.snippet(),
                    new FusedHitView.Parts(hit.splade(), hit.bm25()), d == null ? null : d.explain(), d == null ? null : d.bm25Explain()));
        }
        int total = totalPartitions.getAsInt();
        boolean partial = failed || answered.size() < total || !answered.equals(byPartition.keySet());
        return new Result(hits, answered, total, partial, lexical.scoring(), n);
    }

    /** @return false when an instance holding some of the page's hits did not answer */
    private boolean dress(List<FusedHit> page, Map<String, HostInfo> holder, SparseVector splade, LexicalSearchSpec lexical,
                          Request request, Map<String, HitDetails> into) {
        Map<HostInfo, List<String>> idsByHolder = new LinkedHashMap<>();
        page.forEach(hit -> idsByHolder.computeIfAbsent(holder.get(hit.id()), h -> new ArrayList<>()).add(hit.id()));
        boolean complete = true;
        Map<HostInfo, CompletableFuture<List<HitDetails>>> pending = new LinkedHashMap<>();
        idsByHolder.forEach((host, ids) -> {
            if (!host.equals(streams.self())) {
                pending.put(host, peers.dress(host, ids, splade, lexical, request.explain(), request.snippetWords()));
            }
        });
        List<String> mine = idsByHolder.get(streams.self());
        if (mine != null) {
            local.dress(mine, splade, lexical, request.explain(), request.snippetWords()).forEach(d -> into.put(d.id(), d));
        }
        for (Map.Entry<HostInfo, CompletableFuture<List<HitDetails>>> e : pending.entrySet()) {
            try {
                e.getValue().join().forEach(d -> into.put(d.id(), d));
            } catch (RuntimeException ex) {
                complete = false;
                LOG.warn("instance {} did not dress search hits: {}", e.getKey(), ex.getMessage());
            }
        }
        return complete;
    }

    /** Merged per-instance lists into one side's global top-n (an id twice only during a hand-over: kept once). */
    private static List<ScoredDocument> topN(List<ScoredDocument> all, int n) {
        all.sort(ScoredDocument.BEST_FIRST);
        List<ScoredDocument> unique = new ArrayList<>(Math.min(n, all.size()));
        Set<String> seen = new java.util.HashSet<>();
        for (ScoredDocument d : all) {
            if (unique.size() == n) {
                break;
            }
            if (seen.add(d.id())) {
                unique.add(d);
            }
        }
        return unique;
    }

    /** BM25 alone: its own ranking, each hit's score its BM25 score. */
    private static List<FusedHit> asRanking(List<ScoredDocument> bm25) {
        List<FusedHit> ranked = new ArrayList<>(bm25.size());
        for (int i = 0; i < bm25.size(); i++) {
            ScoredDocument d = bm25.get(i);
            ranked.add(new FusedHit(d.id(), d.score(), null, new RankedPart(d.score(), i + 1, d.score())));
        }
        return ranked;
    }
}
