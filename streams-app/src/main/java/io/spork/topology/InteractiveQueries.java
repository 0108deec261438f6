package io.spork.topology;

import io.spork.schema.search.Bm25Contribution;
import io.spork.cluster.LocalStores;
import io.spork.index.DocumentStore;
import io.spork.topology.LocalIndexes;
import io.spork.index.PostingStore;
import io.spork.index.ScoredDocument;
import io.spork.index.SearchResult;
import io.spork.index.TopKQuery;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.query.StateQueryRequest;
import org.apache.kafka.streams.query.StateQueryResult;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * This instance's stores read through Kafka Streams' interactive queries (SPLADE top-k by IQv2,
 * documents by key) and its in-memory lexical indexes.
 */
public final class InteractiveQueries implements LocalStores {
    private final KafkaStreams streams;
    private final LocalIndexes indexes;
    private final Supplier<Set<Integer>> activePartitions;

    InteractiveQueries(KafkaStreams streams, LocalIndexes indexes, Supplier<Set<Integer>> activePartitions) {
        this.streams = streams;
        this.indexes = indexes;
        this.activePartitions = activePartitions;
    }

    /**
     * Exact top-k through an interactive query ({@link TopKQuery}) that each partition's segment
     * store scores; partitions not served as active here are left out.
     */
    @Override
    public SearchResult search(SparseVector query, int k, Set<Integer> partitions) {
        Set<Integer> local = new TreeSet<>(activePartitions.get());
        if (partitions != null) {
            local.retainAll(partitions);
        }
        if (local.isEmpty()) {
            return new SearchResult(List.of(), List.of());
        }
        StateQueryResult<List<ScoredDocument>> answer;
        try {
            answer = streams.query(StateQueryRequest.inStore(PostingStore.NAME).withQuery(new TopKQuery(query, k))
                    .withPartitions(local).requireActive());
        } catch (InvalidStateStoreException e) {
            return new SearchResult(List.of(), List.of());
        }
        List<ScoredDocument> merged = new ArrayList<>();
        List<Integer> answered = new ArrayList<>();
        answer.getPartitionResults().forEach((partition, result) -> {
            if (result.isSuccess()) {
                merged.addAll(result.getResult());
                answered.add(partition);
            }
        });
        merged.sort(ScoredDocument.BEST_FIRST);
        answered.sort(null);
        return new SearchResult(merged.size() > k ? merged.subList(0, k) : merged, answered);
    }

    @Override
    public Optional<VectorRecord> document(String id) {
        return Optional.ofNullable(stored(id)).map(DocumentStore::decode);
    }

    @Override
    public Optional<DocumentStore.Summary> summary(String id) {
        return Optional.ofNullable(DocumentStore.summaryOf(id, stored(id)));
    }

    @Override
    public Map<Integer, Bm25Statistics> lexicalStatistics(Collection<String> terms, Set<Integer> partitions) {
        return indexes.lexicalStatistics(terms, partitions);
    }

    @Override
    public SearchResult searchLexical(Bm25Scoring scoring, int n, Set<Integer> partitions) {
        return indexes.searchLexical(scoring, n, partitions);
    }

    @Override
    public List<Bm25Contribution> explainLexical(String id, Bm25Scoring scoring) {
        return indexes.explainLexical(id, scoring);
    }

    @Override
    public boolean indexed(int partition, String id) {
        return indexes.holds(partition, id);
    }

    /** The stored bytes of a document; null when absent or while the store is not queryable (restoring, moving). */
    private byte[] stored(String id) {
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(
                    StoreQueryParameters.fromNameAndType(DocumentStore.NAME, QueryableStoreTypes.<String, byte[]>keyValueStore()));
            return store.get(id);
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }
}
