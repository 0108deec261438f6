package io.spork.api;

import io.spork.schema.SparseVector;
import io.spork.topology.SporkStreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The global top-k: this instance's partitions and every other instance's (found through the
 * group's application.server metadata), asked in parallel and merged. Scores need no global
 * statistics, so merged per-partition top-k lists are exactly the global top-k. When a partition
 * did not answer (an instance unreachable, a rebalance in progress) the result says partial.
 */
public final class ClusterSearch {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSearch.class);
    static final Comparator<HitView> BEST_FIRST =
            Comparator.comparing(HitView::score, Comparator.reverseOrder()).thenComparing(HitView::id);

    /** One page of the global ranking. */
    public record Result(List<HitView> hits, Set<Integer> answered, int totalPartitions, boolean partial) {
    }

    private final SporkStreams streams;
    private final LocalSearch local;
    private final PeerSearchClient peers;
    private final IntSupplier totalPartitions;

    public ClusterSearch(SporkStreams streams, LocalSearch local, PeerSearchClient peers, IntSupplier totalPartitions) {
        this.streams = streams;
        this.local = local;
        this.peers = peers;
        this.totalPartitions = totalPartitions;
    }

    public Result search(SparseVector query, int k, int offset, boolean explain) {
        int n = k + offset;
        Map<HostInfo, Set<Integer>> others = streams.peers();
        List<CompletableFuture<LocalSearch.Result>> pending = new ArrayList<>();
        // Each partition is answered by the one instance the group's assignment names, as this
        // instance knows it: an index left behind on an instance the partition moved away from
        // (or a copy still held during a hand-over) must not answer with older documents.
        for (Map.Entry<HostInfo, Set<Integer>> peer : others.entrySet()) {
            pending.add(peers.search(peer.getKey(), query, n, explain, peer.getValue()));
        }
        LocalSearch.Result mine = local.search(query, n, explain, streams.activePartitions());
        List<HitView> merged = new ArrayList<>(mine.hits());
        Set<Integer> answered = new TreeSet<>(mine.partitions());
        boolean peerFailed = false;
        int i = 0;
        for (HostInfo peer : others.keySet()) {
            try {
                LocalSearch.Result theirs = pending.get(i).join();
                merged.addAll(theirs.hits());
                answered.addAll(theirs.partitions());
            } catch (RuntimeException e) {
                peerFailed = true;
                LOG.warn("instance {} did not answer a search: {}", peer, e.getMessage());
            }
            i++;
        }
        merged.sort(BEST_FIRST);
        List<HitView> unique = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HitView hit : merged) {
            // During a hand-over two instances may both serve a partition for a moment.
            if (seen.add(hit.id())) {
                unique.add(hit);
            }
        }
        List<HitView> page = offset >= unique.size() ? List.of() : unique.subList(offset, Math.min(unique.size(), n));
        int total = totalPartitions.getAsInt();
        return new Result(List.copyOf(page), answered, total, peerFailed || answered.size() < total);
    }
}
