package io.spork.lexical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The document table of one partition's lexical index: each document's ordinal (a new document
 * always gets the next one), its id, its length in tokens and whether it is live, and the total
 * length of the live documents (BM25's average length). A removed document's ordinal stays dead
 * until {@link #compact} renumbers the live ones. Not thread-safe: {@link LexicalIndex} locks.
 */
final class LexicalDocuments {
    private final int partition;
    private final Map<String, Integer> ordinalById = new HashMap<>();
    private final List<String> idByOrdinal = new ArrayList<>();
    private int[] lengths = new int[16];
    private final BitSet live = new BitSet();
    private long totalLength;

    LexicalDocuments(int partition) {
        this.partition = partition;
    }

    /** Adds a document; returns its ordinal. */
    int add(String id, int length) {
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

    /** Marks a document dead; returns its ordinal, or -1 when it is not here. */
    int remove(String id) {
        Integer ordinal = ordinalById.remove(id);
        if (ordinal == null) {
            return -1;
        }
        live.clear(ordinal);
        totalLength -= lengths[ordinal];
        return ordinal;
    }

    /** The ordinal of a live document, or -1. */
    int ordinalOf(String id) {
        Integer ordinal = ordinalById.get(id);
        return ordinal == null ? -1 : ordinal;
    }

    String id(int ordinal) {
        return idByOrdinal.get(ordinal);
    }

    int length(int ordinal) {
        return lengths[ordinal];
    }

    boolean live(int ordinal) {
        return live.get(ordinal);
    }

    /** The next live ordinal from {@code from} on, or -1. */
    int nextLive(int from) {
        return live.nextSetBit(from);
    }

    /** Ordinals handed out, dead ones included. */
    int ordinals() {
        return idByOrdinal.size();
    }

    /** Live documents. */
    int count() {
        return ordinalById.size();
    }

    long totalLength() {
        return totalLength;
    }

    /**
     * Renumbers the live documents 0, 1, ... in their order and forgets the dead ones; returns the
     * new ordinal of every old one (-1 for a dead one), for the postings to follow.
     */
    int[] compact() {
        int[] newOrdinal = new int[idByOrdinal.size()];
        Arrays.fill(newOrdinal, -1);
        List<String> ids = new ArrayList<>(ordinalById.size());
        int[] kept = new int[Math.max(16, ordinalById.size())];
        for (int ord = live.nextSetBit(0); ord >= 0; ord = live.nextSetBit(ord + 1)) {
            newOrdinal[ord] = ids.size();
            kept[ids.size()] = lengths[ord];
            ids.add(idByOrdinal.get(ord));
        }
        idByOrdinal.clear();
        idByOrdinal.addAll(ids);
        lengths = kept;
        ordinalById.clear();
        live.clear();
        for (int ord = 0; ord < ids.size(); ord++) {
            ordinalById.put(ids.get(ord), ord);
            live.set(ord);
        }
        return newOrdinal;
    }
}
