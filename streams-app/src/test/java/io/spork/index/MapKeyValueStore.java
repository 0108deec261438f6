package io.spork.index;

import io.spork.state.SideRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A sorted in-memory key-value store (a test fake of a RocksDB store); outlives the index that uses
 * it, as a store outlives a task. Its side records ({@link SideRecords}) are kept only when it is
 * made {@link #withSideRecords()}, and written only by {@link #commit()}, as a committed store does.
 */
final class MapKeyValueStore<K extends Comparable<K>> implements KeyValueStore<K, byte[]>, SideRecords {
    private final ConcurrentSkipListMap<K, byte[]> map = new ConcurrentSkipListMap<>();
    private final NavigableMap<byte[], byte[]> side = new TreeMap<>(Arrays::compareUnsigned);
    private final boolean keepsSide;
    private Companion companion;
    private long putsAtCommit;
    long puts;
    /** Full scans ({@link #all()}) so far. */
    int scans;

    MapKeyValueStore() {
        this(false);
    }

    private MapKeyValueStore(boolean keepsSide) {
        this.keepsSide = keepsSide;
    }

    static <K extends Comparable<K>> MapKeyValueStore<K> withSideRecords() {
        return new MapKeyValueStore<>(true);
    }

    /** A copy of the data and the side records now (what a store held when a crash came). */
    MapKeyValueStore<K> copy() {
        MapKeyValueStore<K> copy = new MapKeyValueStore<>(keepsSide);
        copy.map.putAll(map);
        copy.side.putAll(side);
        return copy;
    }

    /** A write of a changelog restore: straight to the data, marked in the side records (as {@link io.spork.state.CommittedKeyValueStore} does). */
    void restored(K key, byte[] keyBytes, byte[] value) {
        if (!side.isEmpty()) {
            side.put(SideRecords.touchedKey(keyBytes), new byte[0]);
        }
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    /** The side records as stored (tests may change them, as a damaged or older store would hold them). */
    NavigableMap<byte[], byte[]> side() {
        return side;
    }

    /** A commit: the companion's side writes, or, when data was written without one, the side records cleared. */
    void commit() {
        if (companion != null) {
            companion.addTo(new Writes() {
                @Override
                public void put(byte[] key, byte[] value) {
                    side.put(key, value);
                }

                @Override
                public void delete(byte[] key) {
                    side.remove(key);
                }
            });
            companion.persisted();
        } else if (puts != putsAtCommit) {
            side.clear();
        }
        putsAtCommit = puts;
    }

    @Override
    public NavigableMap<byte[], byte[]> read() {
        NavigableMap<byte[], byte[]> copy = new TreeMap<>(Arrays::compareUnsigned);
        copy.putAll(side);
        return copy;
    }

    @Override
    public void attach(Companion companion) {
        if (keepsSide) {
            this.companion = companion;
        }
    }

    @Override
    public void persistSide() {
        if (companion != null) {
            commit();
        }
    }

    Map<K, byte[]> contents() {
        return map;
    }

    @Override
    public void put(K key, byte[] value) {
        puts++;
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public byte[] putIfAbsent(K key, byte[] value) {
        byte[] previous = map.get(key);
        if (previous == null) {
            put(key, value);
        }
        return previous;
    }

    @Override
    public void putAll(List<KeyValue<K, byte[]>> entries) {
        entries.forEach(e -> put(e.key, e.value));
    }

    @Override
    public byte[] delete(K key) {
        puts++;
        return map.remove(key);
    }

    @Override
    public byte[] get(K key) {
        return map.get(key);
    }

    @Override
    public KeyValueIterator<K, byte[]> range(K from, K to) {
        return iterator(new ArrayList<>(map.subMap(from, true, to, true).entrySet()));
    }

    @Override
    public KeyValueIterator<K, byte[]> all() {
        scans++;
        return iterator(new ArrayList<>(map.entrySet()));
    }

    private KeyValueIterator<K, byte[]> iterator(List<Map.Entry<K, byte[]>> entries) {
        Iterator<Map.Entry<K, byte[]>> it = entries.iterator();
        return new KeyValueIterator<>() {
            private Map.Entry<K, byte[]> next = it.hasNext() ? it.next() : null;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public KeyValue<K, byte[]> next() {
                KeyValue<K, byte[]> kv = KeyValue.pair(next.getKey(), next.getValue());
                next = it.hasNext() ? it.next() : null;
                return kv;
            }

            @Override
            public K peekNextKey() {
                return next.getKey();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return true;
    }
}
