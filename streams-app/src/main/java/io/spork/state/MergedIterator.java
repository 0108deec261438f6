package io.spork.state;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.rocksdb.RocksIterator;

/**
 * Ascending keys in [from, to] (null: unbounded) of a store's buffered writes over its RocksDB
 * data: a buffered value hides the stored one, a buffered delete hides the key.
 */
final class MergedIterator implements KeyValueIterator<Bytes, byte[]> {
    private final Iterator<Map.Entry<Bytes, byte[]>> buffered;
    private final byte[] deleted;
    private final RocksIterator disk;
    private final Bytes to;
    private final Runnable onClose;
    private Map.Entry<Bytes, byte[]> nextBuffered;
    private Bytes diskKey;
    private KeyValue<Bytes, byte[]> next;

    MergedIterator(List<Map.Entry<Bytes, byte[]>> buffered, byte[] deleted, RocksIterator disk, Bytes from, Bytes to,
                   Runnable onClose) {
        this.onClose = onClose;
        this.buffered = buffered.iterator();
        this.deleted = deleted;
        this.disk = disk;
        this.to = to;
        if (disk != null) {
            if (from == null) {
                disk.seekToFirst();
            } else {
                disk.seek(from.get());
            }
            readDisk();
        }
        nextBuffered = this.buffered.hasNext() ? this.buffered.next() : null;
        advance();
    }

    static MergedIterator empty() {
        return new MergedIterator(Collections.emptyList(), null, null, null, null, () -> { });
    }

    private void readDisk() {
        diskKey = disk.isValid() ? Bytes.wrap(disk.key()) : null;
        if (diskKey != null && to != null && diskKey.compareTo(to) > 0) {
            diskKey = null;
        }
    }

    private void advance() {
        next = null;
        while (next == null && (nextBuffered != null || diskKey != null)) {
            int order = nextBuffered == null ? 1 : diskKey == null ? -1 : nextBuffered.getKey().compareTo(diskKey);
            if (order <= 0) {
                Map.Entry<Bytes, byte[]> b = nextBuffered;
                nextBuffered = buffered.hasNext() ? buffered.next() : null;
                if (order == 0) {
                    disk.next();
                    readDisk();
                }
                if (b.getValue() != deleted) {
                    next = KeyValue.pair(b.getKey(), b.getValue());
                }
            } else {
                next = KeyValue.pair(diskKey, disk.value());
                disk.next();
                readDisk();
            }
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public KeyValue<Bytes, byte[]> next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        KeyValue<Bytes, byte[]> current = next;
        advance();
        return current;
    }

    @Override
    public Bytes peekNextKey() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        return next.key;
    }

    @Override
    public void close() {
        if (disk != null) {
            disk.close();
        }
        onClose.run();
    }
}
