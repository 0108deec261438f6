package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.Arrays;

/**
 * The small in-memory segment that takes new documents, with exact float weights, searched
 * directly. One writer (the stream thread) appends; searches read it concurrently without a lock:
 * a search only reads the documents below the count its {@link IndexView} published, and every
 * array a search reads was filled before that count was published (volatile fields give the
 * happens-before edge). It holds at most {@code capacity} documents, then it is sealed.
 */
final class GrowingSegment {
    /** The postings of one term: ordinals ascending, weights beside them. */
    static final class TermPostings {
        volatile int[] ordinals = new int[2];
        volatile float[] weights = new float[2];
        volatile int size;

        void add(int ordinal, float weight) {
            int n = size;
            if (n == ordinals.length) {
                int capacity = n * 2;
                float[] ws = Arrays.copyOf(weights, capacity);
                int[] os = Arrays.copyOf(ordinals, capacity);
                weights = ws;
                ordinals = os;
            }
            ordinals[n] = ordinal;
            weights[n] = weight;
            size = n + 1;
        }
    }

    private final String[] ids;
    private final long[] sequences;
    private final int[] termCounts;
    private volatile TermPostings[] terms = new TermPostings[0];
    private int size;
    private long postings;

    GrowingSegment(int capacity) {
        ids = new String[capacity];
        sequences = new long[capacity];
        termCounts = new int[capacity];
    }

    boolean full() {
        return size == ids.length;
    }

    int size() {
        return size;
    }

    long postingCount() {
        return postings;
    }

    /** Appends a document; returns its ordinal. Visible to searches once a view publishes the new size. */
    int add(String id, long sequence, SparseVector vector) {
        int ordinal = size;
        ids[ordinal] = id;
        sequences[ordinal] = sequence;
        termCounts[ordinal] = vector.size();
        TermPostings[] byTerm = terms;
        for (int i = 0; i < vector.size(); i++) {
            int term = vector.idAt(i);
            if (term >= byTerm.length) {
                byTerm = Arrays.copyOf(byTerm, Math.max(term + 1, byTerm.length * 2));
                terms = byTerm;
            }
            TermPostings list = byTerm[term];
            if (list == null) {
                list = new TermPostings();
                byTerm[term] = list;
            }
            list.add(ordinal, vector.weightAt(i));
        }
        postings += vector.size();
        size = ordinal + 1;
        return ordinal;
    }

    /** The postings of a term, or null. */
    TermPostings term(int term) {
        TermPostings[] byTerm = terms;
        return term < byTerm.length ? byTerm[term] : null;
    }

    /** Highest term id + 1 with a slot. */
    int termLimit() {
        return terms.length;
    }

    String id(int ordinal) {
        return ids[ordinal];
    }

    long sequence(int ordinal) {
        return sequences[ordinal];
    }

    int termCount(int ordinal) {
        return termCounts[ordinal];
    }
}
