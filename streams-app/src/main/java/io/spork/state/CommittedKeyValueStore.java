package io.spork.state;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.RecordBatchingStateRestoreCallback;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.StoreQueryUtils;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A RocksDB key-value store that manages its own changelog offsets (KIP-1035) and never holds an
 * uncommitted write on disk. Writes between commits stay in an in-memory buffer (reads see them);
 * a commit writes the buffer and the changelog offset it reaches in one atomic RocksDB batch. So
 * after a SIGKILL under exactly-once the store holds exactly the data of its committed offset, and
 * Kafka Streams replays only the changelog tail after it instead of wiping the store (its own
 * RocksDB store cannot tell committed from uncommitted data after a crash, so it is wiped).
 * <p>
 * When a store commits: under exactly-once Kafka Streams calls {@link #commit} only when a task is
 * suspended or closed, so the stream thread's producer ({@link CommitObservingProducer}) tells the
 * store through {@link TransactionCommits} once the transaction holding its changelog records has
 * committed; under at-least-once, and at suspend and close, Kafka Streams' {@link #commit} does it.
 * Changelog records restored (or applied by a standby) are written straight through: they are
 * committed, and replaying them again from an older offset yields the same state.
 */
public final class CommittedKeyValueStore implements KeyValueStore<Bytes, byte[]>, SideRecords {
    /** Restored keys marked in the side records at most, per opening of the store (beyond: they are cleared). */
    static final int MAX_TOUCHED = 20_000;
    /** Marks a buffered delete (compared by identity, so an empty value stays a value). */
    private static final byte[] DELETED = new byte[0];

    private final String name;
    private final ConcurrentSkipListMap<Bytes, byte[]> buffer = new ConcurrentSkipListMap<>();
    /** Iterators not closed yet: closed with the store, before its database (a native iterator must not outlive it). */
    private final java.util.Set<MergedIterator> openIterators = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Position position = Position.emptyPosition();
    private volatile RocksTable table;
    private StateStoreContext context;
    private TransactionCommits commits;
    private TopicPartition changelog;
    /** Written and read on the thread that writes the store (a commit); set there too. */
    private volatile SideRecords.Companion companion;
    /** Restored keys marked in the side records since the store opened; -1 once they were cleared. */
    private int touched;

    CommittedKeyValueStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        companion = null;
        touched = 0;
        File dir = new File(new File(context.stateDir(), "rocksdb"), name);
        table = RocksTable.open(name, dir, context.appConfigs());
        context.register(root, (RecordBatchingStateRestoreCallback) this::restore);
        commits = TransactionCommits.of(context.appConfigs());
        if (commits != null) {
            changelog = new TopicPartition(context.applicationId() + "-" + name + "-changelog", context.taskId().partition());
            commits.register(changelog, this);
        }
    }

    /**
     * Writes restored changelog records straight through. The side records then no longer describe
     * the data: each restored key is marked in them ({@link SideRecords#TOUCHED}), for their reader
     * to look up, as long as that stays small; past {@link #MAX_TOUCHED} restored keys (a long
     * restore, a standby) they are cleared instead. Package-private for tests.
     */
    void restore(java.util.Collection<ConsumerRecord<byte[], byte[]>> records) {
        RocksTable db = table();
        try (WriteBatch batch = new WriteBatch()) {
            if (touched >= 0 && touched + records.size() <= MAX_TOUCHED && db.hasSide()) {
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    db.addSide(batch, SideRecords.touchedKey(record.key()), new byte[0]);
                }
                touched += records.size();
            } else {
                db.clearSide(batch);
                touched = -1;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                db.add(batch, record.key(), record.value());
            }
            db.write(batch);
        } catch (RocksDBException e) {
            throw new org.apache.kafka.streams.errors.ProcessorStateException("cannot restore store " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the buffered writes durable together with the changelog offsets they reach, in one
     * atomic batch. Called on the stream thread that writes the store.
     */
    void persist(Map<TopicPartition, Long> changelogOffsets) {
        RocksTable db = table();
        List<Map.Entry<Bytes, byte[]>> written = new ArrayList<>(buffer.entrySet());
        try (WriteBatch batch = new WriteBatch()) {
            for (Map.Entry<Bytes, byte[]> e : written) {
                db.add(batch, e.getKey().get(), e.getValue() == DELETED ? null : e.getValue());
            }
            db.addOffsets(batch, changelogOffsets);
            SideRecords.Companion side = companion;
            if (side != null) {
                side.addTo(new SideWrites(db, batch));
            } else if (!written.isEmpty()) {
                db.clearSide(batch);
            }
            db.write(batch);
            if (side != null) {
                side.persisted();
            }
        } catch (RocksDBException e) {
            throw new org.apache.kafka.streams.errors.ProcessorStateException("cannot commit store " + name + ": " + e.getMessage(), e);
        }
        // Only now leave the buffer: a reader looks in the buffer first, then on disk.
        for (Map.Entry<Bytes, byte[]> e : written) {
            buffer.remove(e.getKey(), e.getValue());
        }
    }

    /** The side writes of one commit, into its batch. */
    private record SideWrites(RocksTable db, WriteBatch batch) implements SideRecords.Writes {
        @Override
        public void put(byte[] key, byte[] value) {
            add(key, value);
        }

        @Override
        public void delete(byte[] key) {
            add(key, null);
        }

        private void add(byte[] key, byte[] value) {
            try {
                db.addSide(batch, key, value);
            } catch (RocksDBException e) {
                throw new org.apache.kafka.streams.errors.ProcessorStateException("cannot write a side record: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public java.util.NavigableMap<byte[], byte[]> read() {
        return table().side();
    }

    @Override
    public void attach(SideRecords.Companion companion) {
        this.companion = companion;
    }

    @Override
    public void persistSide() {
        RocksTable db = table;
        SideRecords.Companion side = companion;
        if (db == null || side == null) {
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            side.addTo(new SideWrites(db, batch));
            if (batch.count() > 0) {
                db.write(batch);
            }
            side.persisted();
        }
    }

    /** The side records of the store under Kafka Streams' wrappers (a store that keeps them), or {@link SideRecords#NONE}. */
    public static SideRecords sideOf(StateStore store) {
        StateStore s = store;
        while (!(s instanceof SideRecords) && s instanceof org.apache.kafka.streams.state.internals.WrappedStateStore<?, ?, ?> wrapped) {
            s = wrapped.wrapped();
        }
        return s instanceof SideRecords side ? side : SideRecords.NONE;
    }

    @Override
    public void commit(Map<TopicPartition, Long> changelogOffsets) {
        if (table != null) {
            persist(changelogOffsets);
        }
    }

    @Override
    public Long committedOffset(TopicPartition partition) {
        return table().committedOffset(partition);
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean managesOffsets() {
        return true;
    }

    /** Buffered writes not yet committed (what a crash now would drop, to be replayed from the changelog). */
    public int uncommitted() {
        return buffer.size();
    }

    @Override
    public void close() {
        RocksTable db = table;
        if (db == null) {
            return;
        }
        table = null;
        companion = null;
        if (commits != null) {
            commits.unregister(changelog, this);
        }
        // What is still buffered was never committed (a dirty close): it must not reach the disk.
        buffer.clear();
        for (MergedIterator it : List.copyOf(openIterators)) {
            it.close();
        }
        db.close();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return table != null;
    }

    private RocksTable table() {
        RocksTable db = table;
        if (db == null) {
            throw new InvalidStateStoreException("store " + name + " is not open");
        }
        return db;
    }

    @Override
    public Position getPosition() {
        return position;
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return StoreQueryUtils.handleBasicQueries(query, positionBound, config, this, position, context);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        table();
        buffer.put(key, value == null ? DELETED : value);
        StoreQueryUtils.updatePosition(position, context);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] old = get(key);
        if (old == null) {
            put(key, value);
        }
        return old;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> e : entries) {
            put(e.key, e.value);
        }
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] old = get(key);
        put(key, null);
        return old;
    }

    @Override
    public byte[] get(Bytes key) {
        // The buffer first, then the disk: a commit leaves the buffer only after its write.
        byte[] buffered = buffer.get(key);
        if (buffered != null) {
            return buffered == DELETED ? null : buffered;
        }
        return table().get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        if (from != null && to != null && from.compareTo(to) > 0) {
            return MergedIterator.empty();
        }
        ConcurrentNavigableMap<Bytes, byte[]> view = from == null
                ? (to == null ? buffer : buffer.headMap(to, true))
                : (to == null ? buffer.tailMap(from, true) : buffer.subMap(from, true, to, true));
        // A copy of the buffer before the disk iterator opens (see get).
        List<Map.Entry<Bytes, byte[]>> buffered = new ArrayList<>(view.entrySet());
        MergedIterator[] it = new MergedIterator[1];
        it[0] = new MergedIterator(buffered, DELETED, table().iterator(), from, to, () -> openIterators.remove(it[0]));
        openIterators.add(it[0]);
        return it[0];
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return range(null, null);
    }

    @Override
    public long approximateNumEntries() {
        return table().approximateNumEntries() + buffer.size();
    }
}
