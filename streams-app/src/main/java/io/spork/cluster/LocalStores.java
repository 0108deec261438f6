package io.spork.cluster;

import io.spork.schema.search.Bm25Contribution;
import io.spork.index.DocumentStore;
import io.spork.index.SearchResult;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this instance's own stores and indexes answer: each side's top-k of its partitions, BM25
 * statistics and explanations, and its stored documents.
 */
public interface LocalStores {
    /** Exact top-k over the partitions named that this instance serves as active, merged best first. */
    SearchResult search(SparseVector query, int k, Set<Integer> partitions);

    /** A stored document of a partition served here, with its vector. */
    Optional<VectorRecord> document(String id);

    /** Title and text of a stored document of a partition served here, without decoding its vector. */
    Optional<DocumentStore.Summary> summary(String id);

    /** Each partition's BM25 statistics of the terms, for the partitions named that are held here. */
    Map<Integer, Bm25Statistics> lexicalStatistics(Collection<String> terms, Set<Integer> partitions);

    /** The exact BM25 top-n under the cluster's statistics over the partitions named that are held here, merged. */
    SearchResult searchLexical(Bm25Scoring scoring, int n, Set<Integer> partitions);

    /** The per-term BM25 parts of a document's score; empty when no partition here holds it. */
    List<Bm25Contribution> explainLexical(String id, Bm25Scoring scoring);

    /** Whether the SPLADE index of a partition served here holds the document. */
    boolean indexed(int partition, String id);
}
