package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partition indexes this instance serves now. A partition's index is registered when its
 * task starts (after its stores are restored) and removed when the task closes or moves away.
 * One per Kafka Streams instance, never static: tests run several instances in one JVM.
 */
public final class LocalIndexes {
    private final Map<Integer, PartitionIndex> byPartition = new ConcurrentHashMap<>();

    public void register(PartitionIndex index) {
        byPartition.put(index.partition(), index);
    }

    public void unregister(PartitionIndex index) {
        byPartition.remove(index.partition(), index);
    }

    /** Partitions served here, ascending. */
    public List<Integer> partitions() {
        return new ArrayList<>(new TreeMap<>(byPartition).keySet());
    }

    public Map<Integer, PartitionIndex> snapshot() {
        return new TreeMap<>(byPartition);
    }

    /** Exact top-k over every local partition, merged. */
    public SearchResult search(SparseVector query, int k) {
        return search(query, k, null);
    }

    /** Exact top-k over the local partitions named (null: all), merged; answered lists those held here. */
    public SearchResult search(SparseVector query, int k, java.util.Set<Integer> only) {
        List<ScoredDocument> merged = new ArrayList<>();
        List<Integer> answered = new ArrayList<>();
        for (PartitionIndex index : snapshot().values()) {
            if (only != null && !only.contains(index.partition())) {
                continue;
            }
            merged.addAll(index.search(query, k));
            answered.add(index.partition());
        }
        merged.sort(ScoredDocument.BEST_FIRST);
        return new SearchResult(merged.size() > k ? List.copyOf(merged.subList(0, k)) : merged, answered);
    }

    public long documentCount() {
        long n = 0;
        for (PartitionIndex index : byPartition.values()) {
            n += index.documentCount();
        }
        return n;
    }

    public long postingCount() {
        long n = 0;
        for (PartitionIndex index : byPartition.values()) {
            n += index.postingCount();
        }
        return n;
    }
}
