package io.spork.search;

import io.spork.cluster.ClusterMetadata;
import io.spork.cluster.InstanceAddress;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Instances as shards answering from canned data, with the group's metadata over them; records every request. */
final class FakeCluster implements ClusterMetadata, PeerTransport {
    static final InstanceAddress A = new InstanceAddress("a.local", 1);
    static final InstanceAddress B = new InstanceAddress("b.local", 2);

    record Asked(InstanceAddress instance, PeerRequest request) {
    }

    private final Map<InstanceAddress, Set<Integer>> assignment = new LinkedHashMap<>();
    private final Map<InstanceAddress, Function<PeerRequest, PeerResponse>> shards = new LinkedHashMap<>();
    private final int partitionCount;
    final List<Asked> asked = new ArrayList<>();

    FakeCluster(int partitionCount) {
        this.partitionCount = partitionCount;
    }

    /** An instance (A is this one) serving these partitions; a null shard does not answer. */
    FakeCluster instance(InstanceAddress at, Set<Integer> partitions, Function<PeerRequest, PeerResponse> shard) {
        assignment.put(at, partitions);
        shards.put(at, shard);
        return this;
    }

    ClusterSearch search() {
        return new ClusterSearch(this, request -> answer(A, request), this);
    }

    List<PeerRequest> requestsTo(InstanceAddress at, PeerRequest.Phase phase) {
        return asked.stream().filter(a -> a.instance().equals(at) && a.request().phase() == phase).map(Asked::request).toList();
    }

    private PeerResponse answer(InstanceAddress at, PeerRequest request) {
        asked.add(new Asked(at, request));
        Function<PeerRequest, PeerResponse> shard = shards.get(at);
        if (shard == null) {
            throw new IllegalStateException(at + " is down");
        }
        return shard.apply(request);
    }

    @Override
    public CompletableFuture<PeerResponse> ask(InstanceAddress peer, PeerRequest request) {
        try {
            return CompletableFuture.completedFuture(answer(peer, request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public InstanceAddress self() {
        return A;
    }

    @Override
    public Map<InstanceAddress, Set<Integer>> peers() {
        Map<InstanceAddress, Set<Integer>> peers = new LinkedHashMap<>(assignment);
        peers.remove(A);
        return peers;
    }

    @Override
    public Set<Integer> activePartitions() {
        return assignment.getOrDefault(A, Set.of());
    }

    @Override
    public boolean serves(int partition) {
        return activePartitions().contains(partition);
    }

    @Override
    public Optional<InstanceAddress> ownerOf(String id) {
        return Optional.empty();
    }

    @Override
    public int partitionOf(String id) {
        return -1;
    }

    @Override
    public int partitionCount() {
        return partitionCount;
    }
}
