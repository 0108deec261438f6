package io.spork.index;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The posting store of one partition (RocksDB, changelogged): immutable sealed segments as
 * records of compressed posting blocks ({@link SegmentCodec}: key = segment + term slot + part,
 * values of at most 4 KiB). A seal writes a segment's records once; a merge writes the merged
 * segment and deletes the records of the ones it replaces; nothing else ever changes them.
 */
public final class PostingStore implements SegmentSink {
    public static final String NAME = "spork-postings";

    private final KeyValueStore<Bytes, byte[]> store;

    public PostingStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    /** The store's side records (the posting store keeps none; its commits tell the document store's checkpoint). */
    public io.spork.state.SideRecords side() {
        return io.spork.state.CommittedKeyValueStore.sideOf(store);
    }

    @Override
    public void sealed(SealedSegment segment) {
        store.putAll(SegmentCodec.encode(segment));
    }

    @Override
    public void merged(SealedSegment merged, List<SealedSegment> replaced) {
        if (merged.size() > 0) {
            sealed(merged);
        }
        for (SealedSegment s : replaced) {
            remove(s.number);
        }
    }

    private void remove(int segment) {
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.range(SegmentCodec.key(segment, 0, 0), SegmentCodec.key(segment, -1, -1))) {
            while (it.hasNext()) {
                keys.add(it.next().key);
            }
        }
        List<KeyValue<Bytes, byte[]>> tombstones = new ArrayList<>(keys.size());
        for (Bytes key : keys) {
            tombstones.add(KeyValue.pair(key, null));
        }
        store.putAll(tombstones);
    }

    /** Every stored segment, in one sequential scan (each segment's record values joined once, into an array of its size). */
    public List<SealedSegment> load() {
        List<SealedSegment> segments = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        int segment = Integer.MIN_VALUE;
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                if (kv.key.get().length != SegmentCodec.KEY_BYTES) {
                    continue;
                }
                int s = SegmentCodec.segmentOf(kv.key);
                if (s != segment && !current.isEmpty()) {
                    segments.add(SegmentCodec.decode(joined(current)));
                    current.clear();
                }
                segment = s;
                current.add(kv.value);
            }
        }
        if (!current.isEmpty()) {
            segments.add(SegmentCodec.decode(joined(current)));
        }
        return segments;
    }

    private static byte[] joined(List<byte[]> parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, joined, at, p.length);
            at += p.length;
        }
        return joined;
    }
}
