package io.spork.lexical;

import io.spork.index.ScoredDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory lexical (BM25) index of one partition: per analysed term, the ordinals and term
 * frequencies of the documents holding it; per document, its length. It is derived state, like
 * the SPLADE {@code PartitionIndex}: the RocksDB stores ({@link LexicalDocumentStore},
 * {@link LexicalPostingStore}) are the durable copy, {@link LexicalWriter} keeps both in step and
 * rebuilds this from them at task start. It answers two questions of a two-phase search: this
 * partition's statistics for some terms, and its top-n under the cluster's statistics.
 */
public final class LexicalIndex {
    /** Compact when dead postings outnumber live ones and there are at least this many. */
    static final long MIN_DEAD_POSTINGS_TO_COMPACT = 100_000;

    private final int partition;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, TermPostings> postings = new HashMap<>();
    private final Map<String, Integer> ordinalById = new HashMap<>();
    private final List<String> idByOrdinal = new ArrayList<>();
    private int[] lengths = new int[16];
    private final BitSet live = new BitSet();
    private long totalLength;
    private long livePostings;
    private long deadPostings;

    public LexicalIndex(int partition) {
        this.partition = partition;
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
            int ordinal = newOrdinal(id, text.length());
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
            newOrdinal(id, length);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Appends one stored posting of a loaded document (rebuild from the stores). */
    void loadPosting(String term, String id, int frequency) {
        lock.writeLock().lock();
        try {
            Integer ordinal = ordinalById.get(id);
            if (ordinal == null) {
                throw new IllegalStateException("lexical posting of '" + term + "' for document " + id + ", which has no stored length");
            }
            postings.computeIfAbsent(term, t -> new TermPostings()).add(ordinal, frequency);
            livePostings++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int newOrdinal(String id, int length) {
        if (ordinalById.containsKey(id)) {
            throw new IllegalStateException("document " + id + " is already in the lexical index of partition " + partition);
        }
        int ordinal = idByOrdinal.size();
        idByOrdinal.add(id);
        if (ordinal == lengths.length) {
            lengths = Arrays.copyOf(lengths, ordinal * 2);
        }
        lengths[ordinal] = length;
        live.set(ordinal);
        ordinalById.put(id, ordinal);
        totalLength += length;
        return ordinal;
    }

    /** Removes a document whose indexed form was {@code previous}; false when it was not indexed. */
    boolean remove(String id, AnalyzedText previous) {
        lock.writeLock().lock();
        try {
            Integer ordinal = ordinalById.remove(id);
            if (ordinal == null) {
                return false;
            }
            live.clear(ordinal);
            totalLength -= lengths[ordinal];
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
                compactLocked();
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
            return new Bm25Statistics(ordinalById.size(), totalLength, df);
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
            // Clause scores are floats summed in double, then rounded once, as Lucene's disjunctions do.
            double[] accumulator = new double[idByOrdinal.size()];
            for (Bm25Scoring.ScoredTerm term : scoring.terms()) {
                TermPostings list = postings.get(term.term());
                if (list == null) {
                    continue;
                }
                for (int i = 0, size = list.size(); i < size; i++) {
                    int ordinal = list.ordinalAt(i);
                    if (live.get(ordinal)) {
                        accumulator[ordinal] += term.score(list.frequencyAt(i), lengths[ordinal]);
                    }
                }
            }
            PriorityQueue<ScoredDocument> worstFirst = new PriorityQueue<>(n + 1, ScoredDocument.BEST_FIRST.reversed());
            for (int ordinal = live.nextSetBit(0); ordinal >= 0; ordinal = live.nextSetBit(ordinal + 1)) {
                if (accumulator[ordinal] <= 0) {
                    continue;
                }
                ScoredDocument candidate = new ScoredDocument(idByOrdinal.get(ordinal), (float) accumulator[ordinal]);
                if (worstFirst.size() < n) {
                    worstFirst.add(candidate);
                } else if (ScoredDocument.BEST_FIRST.compare(candidate, worstFirst.peek()) < 0) {
                    worstFirst.poll();
                    worstFirst.add(candidate);
                }
            }
            List<ScoredDocument> hits = new ArrayList<>(worstFirst);
            hits.sort(ScoredDocument.BEST_FIRST);
            return hits;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How each query term scores in one document of this partition; empty when the document is not here. */
    public List<Bm25TermScore> explain(String id, Bm25Scoring scoring) {
        lock.readLock().lock();
        try {
            Integer ordinal = ordinalById.get(id);
            if (ordinal == null) {
                return List.of();
            }
            List<Bm25TermScore> parts = new ArrayList<>();
            for (Bm25Scoring.ScoredTerm term : scoring.terms()) {
                TermPostings list = postings.get(term.term());
                int tf = list == null ? 0 : list.frequencyOf(ordinal);
                if (tf > 0) {
                    parts.add(new Bm25TermScore(term.term(), term.queryCount(), tf, term.documentFrequency(), term.idf(),
                            lengths[ordinal], term.score(tf, lengths[ordinal])));
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
            return ordinalById.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    public int documentCount() {
        lock.readLock().lock();
        try {
            return ordinalById.size();
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
            Integer ordinal = ordinalById.get(id);
            TermPostings list = postings.get(term);
            return ordinal == null || list == null ? 0 : list.frequencyOf(ordinal);
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

    /** Renumbers the live documents and drops dead postings. */
    private void compactLocked() {
        int[] newOrdinal = new int[idByOrdinal.size()];
        Arrays.fill(newOrdinal, -1);
        List<String> ids = new ArrayList<>(ordinalById.size());
        int[] kept = new int[Math.max(16, ordinalById.size())];
        for (int ord = live.nextSetBit(0); ord >= 0; ord = live.nextSetBit(ord + 1)) {
            newOrdinal[ord] = ids.size();
            kept[ids.size()] = lengths[ord];
            ids.add(idByOrdinal.get(ord));
        }
        postings.replaceAll((term, list) -> list.retain(newOrdinal, live));
        idByOrdinal.clear();
        idByOrdinal.addAll(ids);
        lengths = kept;
        ordinalById.clear();
        live.clear();
        for (int ord = 0; ord < ids.size(); ord++) {
            ordinalById.put(ids.get(ord), ord);
            live.set(ord);
        }
        deadPostings = 0;
    }
}
