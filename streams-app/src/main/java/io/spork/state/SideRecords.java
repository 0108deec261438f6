package io.spork.state;

import java.util.NavigableMap;

/**
 * A store's side records: a small key range of their own beside the data (a RocksDB column family
 * of a {@link CommittedKeyValueStore}), not changelogged, written by a {@link Companion} in the
 * same atomic batch as every commit of the data. So what they say is true of the committed data
 * exactly; any write that reaches the data another way (a changelog restore, a standby's update,
 * a commit with no companion attached) clears them, and a reader that finds none falls back to
 * reading the data itself. They make a local restart fast; they are never the only copy of anything.
 *
 * <p>A short changelog restore (the uncommitted tail after a crash) does not clear them: it marks
 * each key it wrote, as a side record {@link #TOUCHED} + the data key with an empty value, and
 * the reader looks those keys up in the data. A companion's own keys never start with that byte.
 */
public interface SideRecords {
    /** The first byte of a side key that marks a data key written by a restore since the companion's last commit. */
    byte TOUCHED = 0;

    /** The side key that marks a restored data key. */
    static byte[] touchedKey(byte[] dataKey) {
        byte[] key = new byte[dataKey.length + 1];
        key[0] = TOUCHED;
        System.arraycopy(dataKey, 0, key, 1, dataKey.length);
        return key;
    }

    /** No side records: a store that keeps none (tests, in-memory stores). */
    SideRecords NONE = new SideRecords() {
        @Override
        public NavigableMap<byte[], byte[]> read() {
            return new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
        }

        @Override
        public void attach(Companion companion) {
        }

        @Override
        public void persistSide() {
        }
    };

    /** Writes side records at each commit of the store's data; called on the thread that writes the store. */
    interface Companion {
        /** Adds this commit's side writes (only what changed since the last commit that {@link #persisted}). */
        void addTo(Writes writes);

        /** The writes added last are durable now. */
        void persisted();
    }

    /** Side writes of one commit. */
    interface Writes {
        void put(byte[] key, byte[] value);

        void delete(byte[] key);
    }

    /** Every side record now, by key (unsigned byte order); empty when there are none or they were cleared. */
    NavigableMap<byte[], byte[]> read();

    /** The companion of the next commits (null: none, and the next commit that writes data clears the side records). */
    void attach(Companion companion);

    /**
     * Writes the companion's changes now, in a batch of their own: for a commit that changed what
     * they describe but wrote no data to this store (the data went to another store of the same
     * task, just committed). On the thread that writes the store.
     */
    void persistSide();
}
