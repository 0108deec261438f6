package io.spork.lexical;

import java.util.Arrays;

/**
 * The lexical postings of one term in one partition, in memory: document ordinals (ascending, a
 * new document always gets the next ordinal) and term frequencies, plus how many of them belong
 * to live documents, the term's document frequency in this partition.
 */
final class TermPostings {
    private int[] ordinals = new int[2];
    private int[] frequencies = new int[2];
    private int size;
    private int live;

    void add(int ordinal, int frequency) {
        if (size == ordinals.length) {
            int capacity = size + (size >> 1) + 2;
            ordinals = Arrays.copyOf(ordinals, capacity);
            frequencies = Arrays.copyOf(frequencies, capacity);
        }
        int at = size;
        if (size > 0 && ordinal < ordinals[size - 1]) {
            // Rebuilding from a store whose keys are not in ordinal order.
            at = -Arrays.binarySearch(ordinals, 0, size, ordinal) - 1;
            System.arraycopy(ordinals, at, ordinals, at + 1, size - at);
            System.arraycopy(frequencies, at, frequencies, at + 1, size - at);
        }
        ordinals[at] = ordinal;
        frequencies[at] = frequency;
        size++;
        live++;
    }

    /** One of this term's documents was deleted. */
    void killOne() {
        live--;
    }

    int live() {
        return live;
    }

    int size() {
        return size;
    }

    int ordinalAt(int i) {
        return ordinals[i];
    }

    int frequencyAt(int i) {
        return frequencies[i];
    }

    /** The frequency of an ordinal in this list, 0 when it has none. */
    int frequencyOf(int ordinal) {
        int at = Arrays.binarySearch(ordinals, 0, size, ordinal);
        return at < 0 ? 0 : frequencies[at];
    }

    /** A copy with the postings of live ordinals, renumbered by {@code newOrdinal} (-1 = dead). */
    TermPostings retain(int[] newOrdinal) {
        TermPostings kept = new TermPostings();
        for (int i = 0; i < size; i++) {
            if (newOrdinal[ordinals[i]] >= 0) {
                kept.add(newOrdinal[ordinals[i]], frequencies[i]);
            }
        }
        return kept;
    }
}
