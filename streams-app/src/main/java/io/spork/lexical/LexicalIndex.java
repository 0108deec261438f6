package io.spork.lexical;

import io.spork.schema.search.Bm25Contribution;
import io.spork.index.ScoredDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory lexical (BM25) index of one partition: per analysed term, the ordinals and term
 * frequencies of the documents holding it ({@link TermPostings}); per document, its length
 * ({@link LexicalDocuments}). It is derived state, like the SPLADE {@code PartitionIndex}: the
 * RocksDB stores ({@link LexicalDocumentStore}, {@link LexicalPostingStore}) are the durable copy,
 * {@link LexicalWriter} keeps both in step and rebuilds this from them at task start. It answers
 * two questions of a two-phase search: this partition's statistics for some terms, and its top-n
 * under the cluster's statistics ({@link Bm25TopN}).
 */
public final class LexicalIndex {
    /** Compact when dead postings outnumber live ones and there are at least this many. */
    static final long MIN_DEAD_POSTINGS_TO_COMPACT = 100_000;

    private final int partition;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, TermPostings> postings = new HashMap<>();
    private final LexicalDocuments documents;
    private long livePostings;
    private long deadPostings;

    public LexicalIndex(int partition) {
        this.partition = partition;
        this.documents = new LexicalDocuments(partition);
    }

    public int partition() {
        return partition;
    }

    /** Adds a document (its previous version, if any, removed first by the caller). Empty texts are not indexed. */
    void add(String id, AnalyzedText text) {
        if (text.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            int ordinal = documents.add(id, text.length());
            text.frequencies().forEach((term, tf) -> postings.computeIfAbsent(term, t -> new TermPostings()).add(ordinal, tf));
            livePostings += text.frequencies().size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Registers a stored document's length before its postings (rebuild from the stores). */
    void loadDocument(String id, int length) {
        lock.writeLock().lock();
        try {
            documents.add(id, length);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Appends one stored posting of a loaded document (rebuild from the stores). */
    void loadPosting(String term, String id, int frequency) {
        lock.writeLock().lock();
        try {
            int ordinal = documents.ordinalOf(id);
            if (ordinal < 0) {
                throw new IllegalStateException("lexical posting of '" + term + "' for document " + id + ", which has no stored length");
            }
            postings.computeIfAbsent(term, t -> new TermPostings()).add(ordinal, frequency);
            livePostings++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Removes a document whose indexed form was {@code previous}; false when it was not indexed. */
    boolean remove(String id, AnalyzedText previous) {
        lock.writeLock().lock();
        try {
            if (documents.remove(id) < 0) {
                return false;
            }
            for (String term : previous.frequencies().keySet()) {
                TermPostings list = postings.get(term);
                list.killOne();
                if (list.live() == 0) {
                    postings.remove(term);
                }
            }
            livePostings -= previous.frequencies().size();
            deadPostings += previous.frequencies().size();
            if (deadPostings >= MIN_DEAD_POSTINGS_TO_COMPACT && deadPostings > livePostings) {
                // Renumbers the live documents and drops dead postings.
                int[] newOrdinal = documents.compact();
                postings.replaceAll((term, list) -> list.retain(newOrdinal));
                deadPostings = 0;
            }
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** This partition's part of the statistics of the given terms. */
    public Bm25Statistics statistics(Collection<String> terms) {
        lock.readLock().lock();
        try {
            Map<String, Long> df = new TreeMap<>();
            for (String term : terms) {
                TermPostings list = postings.get(term);
                df.put(term, list == null ? 0L : list.live());
            }
            return new Bm25Statistics(documents.count(), documents.totalLength(), df);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The exact top-n of this partition by BM25 under the given scoring (best first, ties by id). */
    public List<ScoredDocument> search(Bm25Scoring scoring, int n) {
        if (n <= 0 || scoring.terms().isEmpty()) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            return Bm25TopN.search(postings, documents, scoring, n);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How each query term scores in one document of this partition; empty when the document is not here. */
    public List<Bm25Contribution> explain(String id, Bm25Scoring scoring) {
        lock.readLock().lock();
        try {
            int ordinal = documents.ordinalOf(id);
            if (ordinal < 0) {
                return List.of();
            }
            List<Bm25Contribution> parts = new ArrayList<>();
            for (Bm25Scoring.ScoredTerm term : scoring.terms()) {
                TermPostings list = postings.get(term.term());
                int tf = list == null ? 0 : list.frequencyOf(ordinal);
                if (tf > 0) {
                    int length = documents.length(ordinal);
                    parts.add(new Bm25Contribution(term.term(), term.queryCount(), tf, term.documentFrequency(), term.idf(), length,
                            term.score(tf, length)));
                }
            }
            return parts;
        } finally {
            lock.readLock().unlock();
        }
    }

    public boolean contains(String id) {
        lock.readLock().lock();
        try {
            return documents.ordinalOf(id) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int documentCount() {
        lock.readLock().lock();
        try {
            return documents.count();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Live (term, document) postings. */
    public long postingCount() {
        lock.readLock().lock();
        try {
            return livePostings;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Term frequency of a term in a document of this partition (0 when absent): for tests and explain. */
    public int frequency(String term, String id) {
        lock.readLock().lock();
        try {
            int ordinal = documents.ordinalOf(id);
            TermPostings list = postings.get(term);
            return ordinal < 0 || list == null ? 0 : list.frequencyOf(ordinal);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Terms with at least one live posting. */
    public int termCount() {
        lock.readLock().lock();
        try {
            return postings.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
