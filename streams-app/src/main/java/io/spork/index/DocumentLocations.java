package io.spork.index;

import java.nio.charset.StandardCharsets;

/**
 * Where each live document of a partition is: id to (segment number, ordinal), as an
 * open-addressing hash table of two primitive arrays (12 bytes a slot, at most 3/4 full) instead
 * of a map of objects (~120 bytes a document). The ids themselves stay where they already are,
 * in the segments: a slot keeps the id's hash, and a probe whose hash matches asks the
 * {@link Resolver} whether the document at that place has the id. Linear probing; a removal
 * shifts the following entries back, so no tombstones accumulate. Not thread-safe: its owner
 * ({@link PartitionSegments}) serializes the calls.
 */
final class DocumentLocations {
    /** No location: what {@link #get} answers for an id it does not hold. */
    static final long NONE = 0L;
    private static final int MIN_CAPACITY = 16;

    /** Tells whether the document at a place has the id (UTF-8 bytes). */
    @FunctionalInterface
    interface Resolver {
        boolean holds(int segment, int ordinal, byte[] utf8);
    }

    private final Resolver resolver;
    /** A slot's place: (segment + 2) << 32 | ordinal, so that no place is NONE; NONE marks an empty slot. */
    private long[] places = new long[MIN_CAPACITY];
    private int[] hashes = new int[MIN_CAPACITY];
    private int size;

    DocumentLocations(Resolver resolver) {
        this.resolver = resolver;
    }

    static long place(int segment, int ordinal) {
        return ((long) (segment + 2) << 32) | (ordinal & 0xFFFFFFFFL);
    }

    static int segment(long place) {
        return (int) (place >>> 32) - 2;
    }

    static int ordinal(long place) {
        return (int) place;
    }

    static byte[] utf8(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }

    static int hash(byte[] utf8) {
        return DocumentIds.hash(utf8, 0, utf8.length);
    }

    int size() {
        return size;
    }

    /** The place of the id, or {@link #NONE}. */
    long get(String id) {
        byte[] utf8 = utf8(id);
        return get(utf8, hash(utf8));
    }

    /** The place of the id (UTF-8 bytes, with their {@link #hash}), or {@link #NONE}. */
    long get(byte[] utf8, int hash) {
        int slot = slotOf(utf8, hash);
        return slot < 0 ? NONE : places[slot];
    }

    boolean contains(String id) {
        return get(id) != NONE;
    }

    void put(String id, int segment, int ordinal) {
        byte[] utf8 = utf8(id);
        put(utf8, hash(utf8), segment, ordinal);
    }

    /** Files the id (with its {@link #hash}) at a place, replacing the place it had. */
    void put(byte[] utf8, int hash, int segment, int ordinal) {
        int slot = slotOf(utf8, hash);
        if (slot >= 0) {
            places[slot] = place(segment, ordinal);
            return;
        }
        if (4L * (size + 1) > 3L * places.length) {
            grow();
        }
        insert(hash, place(segment, ordinal));
        size++;
    }

    /** Takes the id out; returns the place it had, or {@link #NONE}. */
    long remove(String id) {
        byte[] utf8 = utf8(id);
        return remove(utf8, hash(utf8));
    }

    /** As {@link #remove(String)}, for the id's UTF-8 bytes with their {@link #hash}. */
    long remove(byte[] utf8, int hash) {
        int slot = slotOf(utf8, hash);
        if (slot < 0) {
            return NONE;
        }
        long removed = places[slot];
        int mask = places.length - 1;
        int hole = slot;
        // Shift back every following entry of the run that may live in the hole (its home slot is not between the hole and it).
        for (int next = (hole + 1) & mask; places[next] != NONE; next = (next + 1) & mask) {
            int home = hashes[next] & mask;
            boolean stays = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!stays) {
                places[hole] = places[next];
                hashes[hole] = hashes[next];
                hole = next;
            }
        }
        places[hole] = NONE;
        hashes[hole] = 0;
        size--;
        return removed;
    }

    /** Heap bytes of the table's arrays. */
    long memoryBytes() {
        return 32L + 12L * places.length;
    }

    private int slotOf(byte[] utf8, int hash) {
        int mask = places.length - 1;
        for (int slot = hash & mask; places[slot] != NONE; slot = (slot + 1) & mask) {
            long place = places[slot];
            if (hashes[slot] == hash && resolver.holds(segment(place), ordinal(place), utf8)) {
                return slot;
            }
        }
        return -1;
    }

    private void insert(int hash, long place) {
        int mask = places.length - 1;
        int slot = hash & mask;
        while (places[slot] != NONE) {
            slot = (slot + 1) & mask;
        }
        places[slot] = place;
        hashes[slot] = hash;
    }

    private void grow() {
        long[] oldPlaces = places;
        int[] oldHashes = hashes;
        places = new long[oldPlaces.length * 2];
        hashes = new int[oldPlaces.length * 2];
        for (int i = 0; i < oldPlaces.length; i++) {
            if (oldPlaces[i] != NONE) {
                insert(oldHashes[i], oldPlaces[i]);
            }
        }
    }
}
