package io.spork.cluster;

import io.spork.index.DocumentStore;
import io.spork.index.LocalIndexes;
import io.spork.index.SearchResult;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import java.util.Optional;
import java.util.Set;

/** What this instance's own stores answer: the SPLADE top-k of its partitions and its stored documents. */
public interface LocalStores {
    /** Exact top-k over the partitions named that this instance serves as active, merged best first. */
    SearchResult search(SparseVector query, int k, Set<Integer> partitions);

    /** A stored document of a partition served here, with its vector. */
    Optional<VectorRecord> document(String id);

    /** Title and text of a stored document of a partition served here, without decoding its vector. */
    Optional<DocumentStore.Summary> summary(String id);

    /** The in-memory indexes of the partitions served here (BM25 statistics, candidates and explanations). */
    LocalIndexes indexes();
}
