package io.spork.index;

import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.FailureReason;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The posting store's inner store: RocksDB for the segment records (Kafka Streams wraps this
 * store in its changelogging and metering layers, so standbys and restores see every record), and
 * the partition's searchable {@link PartitionIndex} beside them, which a {@link TopKQuery}
 * (interactive query) scores.
 */
public final class SegmentStore implements KeyValueStore<Bytes, byte[]>, io.spork.state.SideRecords {
    private final KeyValueStore<Bytes, byte[]> rocks;
    private volatile PartitionIndex index;

    SegmentStore(KeyValueStore<Bytes, byte[]> rocks) {
        this.rocks = rocks;
    }

    /** The inner segment store under Kafka Streams' wrappers of a store a processor got from its context. */
    public static SegmentStore unwrap(StateStore store) {
        StateStore s = store;
        while (!(s instanceof SegmentStore) && s instanceof WrappedStateStore<?, ?, ?> wrapped) {
            s = wrapped.wrapped();
        }
        if (s instanceof SegmentStore segments) {
            return segments;
        }
        throw new IllegalStateException("store " + store.name() + " is not a segment store (built with SegmentStoreSupplier?)");
    }

    /** Makes a partition's index the one queries score (at task start, after it is loaded). */
    public void serve(PartitionIndex index) {
        this.index = index;
    }

    public PartitionIndex index() {
        return index;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        if (query instanceof TopKQuery topK) {
            PartitionIndex served = index;
            if (served == null) {
                return QueryResult.forFailure(FailureReason.NOT_PRESENT, "the index of store " + name() + " is not loaded yet");
            }
            QueryResult<R> result = (QueryResult<R>) QueryResult.forResult(served.search(topK.vector(), topK.k(), topK.floor()));
            result.setPosition(rocks.getPosition());
            return result;
        }
        return rocks.query(query, positionBound, config);
    }

    @Override
    public String name() {
        return rocks.name();
    }

    @Override
    public java.util.NavigableMap<byte[], byte[]> read() {
        return side().read();
    }

    @Override
    public void attach(io.spork.state.SideRecords.Companion companion) {
        side().attach(companion);
    }

    @Override
    public void persistSide() {
        side().persistSide();
    }

    private io.spork.state.SideRecords side() {
        return rocks instanceof io.spork.state.SideRecords side ? side : io.spork.state.SideRecords.NONE;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        rocks.init(context, root);
    }

    @Override
    public void flush() {
        rocks.flush();
    }

    @Override
    public void commit(java.util.Map<org.apache.kafka.common.TopicPartition, Long> changelogOffsets) {
        rocks.commit(changelogOffsets);
    }

    @Override
    public Long committedOffset(org.apache.kafka.common.TopicPartition partition) {
        return rocks.committedOffset(partition);
    }

    @Override
    public boolean managesOffsets() {
        return rocks.managesOffsets();
    }

    @Override
    public void close() {
        index = null;
        rocks.close();
    }

    @Override
    public boolean persistent() {
        return rocks.persistent();
    }

    @Override
    public boolean isOpen() {
        return rocks.isOpen();
    }

    @Override
    public Position getPosition() {
        return rocks.getPosition();
    }

    @Override
    public void put(Bytes key, byte[] value) {
        rocks.put(key, value);
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        return rocks.putIfAbsent(key, value);
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        rocks.putAll(entries);
    }

    @Override
    public byte[] delete(Bytes key) {
        return rocks.delete(key);
    }

    @Override
    public byte[] get(Bytes key) {
        return rocks.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return rocks.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return rocks.all();
    }

    @Override
    public long approximateNumEntries() {
        return rocks.approximateNumEntries();
    }
}
