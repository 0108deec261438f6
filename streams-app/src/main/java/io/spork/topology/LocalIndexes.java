package io.spork.topology;

import io.spork.schema.search.Bm25Contribution;
import io.spork.index.PartitionIndex;
import io.spork.index.ScoredDocument;
import io.spork.index.SearchResult;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import io.spork.lexical.LexicalIndex;
import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The partition indexes this instance serves now, SPLADE and lexical (BM25). A partition's indexes
 * are registered when its task starts (after its stores are restored) and removed when the task
 * closes or moves away.
 * One per Kafka Streams instance, never static: tests run several instances in one JVM.
 */
public final class LocalIndexes {
    private final Map<Integer, PartitionIndex> byPartition = new ConcurrentHashMap<>();
    private final Map<Integer, LexicalIndex> lexicalByPartition = new ConcurrentHashMap<>();

    public void register(PartitionIndex index) {
        byPartition.put(index.partition(), index);
    }

    /** Registers a partition's two indexes; the lexical one first, so a partition that searches can always do both. */
    public void register(PartitionIndex index, LexicalIndex lexical) {
        if (index.partition() != lexical.partition()) {
            throw new IllegalArgumentException("indexes of partitions " + index.partition() + " and " + lexical.partition());
        }
        lexicalByPartition.put(lexical.partition(), lexical);
        byPartition.put(index.partition(), index);
    }

    /** Whether the SPLADE index of a partition served here holds the document. */
    public boolean holds(int partition, String id) {
        PartitionIndex index = byPartition.get(partition);
        return index != null && index.contains(id);
    }

    public void unregister(PartitionIndex index) {
        byPartition.remove(index.partition(), index);
    }

    public void unregister(PartitionIndex index, LexicalIndex lexical) {
        byPartition.remove(index.partition(), index);
        lexicalByPartition.remove(lexical.partition(), lexical);
    }

    /** Phase one of a BM25 search: each local partition's statistics of the query's terms. */
    public Map<Integer, Bm25Statistics> lexicalStatistics(Collection<String> terms) {
        return lexicalStatistics(terms, null);
    }

    /**
     * @param only the partitions to answer for (null: every one held here); an index left behind
     *             after its partition moved must not answer with older documents
     */
    public Map<Integer, Bm25Statistics> lexicalStatistics(Collection<String> terms, Set<Integer> only) {
        Map<Integer, Bm25Statistics> byPart = new TreeMap<>();
        lexicalByPartition.forEach((partition, index) -> {
            if (only == null || only.contains(partition)) {
                byPart.put(partition, index.statistics(terms));
            }
        });
        return byPart;
    }

    /** Phase two: the exact BM25 top-n over every local partition under the cluster's statistics, merged. */
    public SearchResult searchLexical(Bm25Scoring scoring, int n) {
        return searchLexical(scoring, n, null);
    }

    /** @param only the partitions to answer for (null: every one held here) */
    public SearchResult searchLexical(Bm25Scoring scoring, int n, Set<Integer> only) {
        List<ScoredDocument> merged = new ArrayList<>();
        List<Integer> answered = new ArrayList<>();
        for (LexicalIndex index : new TreeMap<>(lexicalByPartition).values()) {
            if (only != null && !only.contains(index.partition())) {
                continue;
            }
            merged.addAll(index.search(scoring, n));
            answered.add(index.partition());
        }
        merged.sort(ScoredDocument.BEST_FIRST);
        return new SearchResult(merged.size() > n ? List.copyOf(merged.subList(0, n)) : merged, answered);
    }

    /** The per-term BM25 parts of a local document's score; empty when no local partition holds it lexically. */
    public List<Bm25Contribution> explainLexical(String id, Bm25Scoring scoring) {
        for (LexicalIndex index : lexicalByPartition.values()) {
            if (index.contains(id)) {
                return index.explain(id, scoring);
            }
        }
        return List.of();
    }

    public long lexicalPostingCount() {
        long n = 0;
        for (LexicalIndex index : lexicalByPartition.values()) {
            n += index.postingCount();
        }
        return n;
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
