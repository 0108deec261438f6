package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The read-optimised, in-memory inverted index of one partition: posting lists of document
 * ordinals and weights per term, searched for an exact top-k by dot product with dynamic pruning
 * ({@link TopKScorer}).
 *
 * <p>It is derived state: the RocksDB stores ({@link DocumentStore}, {@link PostingStore}) are the
 * durable copy, and {@link IndexWriter} rebuilds this from them when the partition's task starts
 * and updates both on every write. One stream thread writes; HTTP threads search concurrently
 * under a read lock.
 */
public final class PartitionIndex {
    /** Compact when dead postings outnumber live ones and there are at least this many. */
    public static final long DEFAULT_MIN_DEAD_POSTINGS_TO_COMPACT = 100_000;

    private final int partition;
    private final long minDeadPostingsToCompact;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private PostingList[] postings = new PostingList[0];
    private final Map<String, Integer> ordinalById = new HashMap<>();
    private final List<String> idByOrdinal = new ArrayList<>();
    /** Term count of each ordinal, so a delete knows how many postings it kills. */
    private int[] termCounts = new int[16];
    private final BitSet live = new BitSet();
    private long livePostings;
    private long deadPostings;

    public PartitionIndex(int partition) {
        this(partition, DEFAULT_MIN_DEAD_POSTINGS_TO_COMPACT);
    }

    public PartitionIndex(int partition, long minDeadPostingsToCompact) {
        this.partition = partition;
        this.minDeadPostingsToCompact = minDeadPostingsToCompact;
    }

    public int partition() {
        return partition;
    }

    /** Adds or replaces a document. */
    public void upsert(String id, SparseVector vector) {
        lock.writeLock().lock();
        try {
            removeLocked(id);
            int ordinal = newOrdinal(id);
            termCounts[ordinal] = vector.size();
            ordinalById.put(id, ordinal);
            for (int i = 0; i < vector.size(); i++) {
                listFor(vector.idAt(i)).add(ordinal, vector.weightAt(i));
            }
            livePostings += vector.size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Registers a document with no postings yet (rebuild from the stores). */
    void loadDocument(String id) {
        lock.writeLock().lock();
        try {
            ordinalById.computeIfAbsent(id, this::newOrdinal);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Appends one stored posting (rebuild from the stores, in term order). */
    void loadPosting(String id, int term, float weight) {
        lock.writeLock().lock();
        try {
            int ordinal = ordinalById.computeIfAbsent(id, this::newOrdinal);
            listFor(term).add(ordinal, weight);
            termCounts[ordinal]++;
            livePostings++;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int newOrdinal(String id) {
        int ordinal = idByOrdinal.size();
        idByOrdinal.add(id);
        if (ordinal == termCounts.length) {
            termCounts = Arrays.copyOf(termCounts, ordinal * 2);
        }
        termCounts[ordinal] = 0;
        live.set(ordinal);
        return ordinal;
    }

    /** Removes a document; false when it was not indexed. */
    public boolean delete(String id) {
        lock.writeLock().lock();
        try {
            boolean removed = removeLocked(id);
            if (deadPostings >= minDeadPostingsToCompact && deadPostings > livePostings) {
                compactLocked();
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean removeLocked(String id) {
        Integer ordinal = ordinalById.remove(id);
        if (ordinal == null) {
            return false;
        }
        live.clear(ordinal);
        int terms = termCounts[ordinal];
        livePostings -= terms;
        deadPostings += terms;
        return true;
    }

    /** Exact top-k by dot product over the live documents, best first (ties by id ascending). */
    public List<ScoredDocument> search(SparseVector query, int k) {
        return search(query, k, null);
    }

    /** {@link #search(SparseVector, int)}, reporting what the scorer did into {@code stats} (when not null). */
    List<ScoredDocument> search(SparseVector query, int k, TopKScorer.Stats stats) {
        if (k <= 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            PostingList[] lists = new PostingList[query.size()];
            float[] queryWeights = new float[query.size()];
            int n = 0;
            for (int i = 0; i < query.size(); i++) {
                int term = query.idAt(i);
                if (term < postings.length && postings[term] != null && postings[term].size() > 0) {
                    lists[n] = postings[term];
                    queryWeights[n++] = query.weightAt(i);
                }
            }
            if (n == 0) {
                return List.of();
            }
            // Without deletions every ordinal is live: no need to look each hit up in the live set.
            BitSet liveOrNull = ordinalById.size() == idByOrdinal.size() ? null : live;
            return TopKScorer.search(lists, queryWeights, n, k, idByOrdinal.size(), liveOrNull, idByOrdinal::get, stats);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The same top-k by the plain term-at-a-time scorer without pruning: one float accumulator per
     * ordinal, terms added in query order. The reference {@link #search} must equal exactly.
     */
    List<ScoredDocument> searchExhaustive(SparseVector query, int k) {
        if (k <= 0) {
            return List.of();
        }
        lock.readLock().lock();
        try {
            float[] accumulator = new float[idByOrdinal.size()];
            for (int i = 0; i < query.size(); i++) {
                int term = query.idAt(i);
                if (term < postings.length && postings[term] != null) {
                    postings[term].accumulate(query.weightAt(i), accumulator);
                }
            }
            PriorityQueue<ScoredDocument> worstFirst = new PriorityQueue<>(k + 1, ScoredDocument.BEST_FIRST.reversed());
            for (int ord = live.nextSetBit(0); ord >= 0; ord = live.nextSetBit(ord + 1)) {
                float score = accumulator[ord];
                if (score <= 0f || (worstFirst.size() == k && score < worstFirst.peek().score())) {
                    continue;
                }
                ScoredDocument candidate = new ScoredDocument(idByOrdinal.get(ord), score);
                if (worstFirst.size() < k) {
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

    public long postingCount() {
        lock.readLock().lock();
        try {
            return livePostings;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Document frequency of every term with a live posting, for term statistics. */
    public Map<Integer, Integer> documentFrequencies() {
        lock.readLock().lock();
        try {
            Map<Integer, Integer> df = new HashMap<>();
            for (int term = 0; term < postings.length; term++) {
                int n = postings[term] == null ? 0 : postings[term].countLive(live);
                if (n > 0) {
                    df.put(term, n);
                }
            }
            return df;
        } finally {
            lock.readLock().unlock();
        }
    }

    private PostingList listFor(int term) {
        if (term >= postings.length) {
            postings = Arrays.copyOf(postings, Math.max(term + 1, postings.length * 2));
        }
        PostingList list = postings[term];
        if (list == null) {
            list = new PostingList();
            postings[term] = list;
        }
        return list;
    }

    /** Renumbers the live documents and drops dead postings. */
    private void compactLocked() {
        int[] newOrdinal = new int[idByOrdinal.size()];
        Arrays.fill(newOrdinal, -1);
        List<String> ids = new ArrayList<>(ordinalById.size());
        int[] counts = new int[Math.max(16, ordinalById.size())];
        for (int ord = live.nextSetBit(0); ord >= 0; ord = live.nextSetBit(ord + 1)) {
            newOrdinal[ord] = ids.size();
            counts[ids.size()] = termCounts[ord];
            ids.add(idByOrdinal.get(ord));
        }
        PostingList[] rebuilt = new PostingList[postings.length];
        for (int term = 0; term < postings.length; term++) {
            if (postings[term] != null) {
                PostingList compacted = postings[term].retain(newOrdinal);
                rebuilt[term] = compacted.size() == 0 ? null : compacted;
            }
        }
        postings = rebuilt;
        idByOrdinal.clear();
        idByOrdinal.addAll(ids);
        termCounts = counts;
        ordinalById.clear();
        live.clear();
        for (int ord = 0; ord < ids.size(); ord++) {
            ordinalById.put(ids.get(ord), ord);
            live.set(ord);
        }
        deadPostings = 0;
    }
}
