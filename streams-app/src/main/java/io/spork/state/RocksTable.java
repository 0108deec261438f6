package io.spork.state;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ProcessorStateException;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One RocksDB database of a {@link CommittedKeyValueStore}: the data column family and an
 * {@code offsets} column family holding the changelog offsets the data is committed up to. Every
 * write is one {@link WriteBatch} through the write-ahead log, so a batch that holds data and its
 * offset is on disk whole or not at all, also after a SIGKILL. The layout and the offsets' form
 * (key {@code topic-partition}, value an 8-byte big-endian long) are those of Kafka Streams' own
 * RocksDB store, so a state directory written by it opens here with its offsets. Options are Kafka
 * Streams' RocksDB defaults, then the application's {@code rocksdb.config.setter}, if any.
 */
final class RocksTable implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    private static final byte[] OFFSETS = "offsets".getBytes(StandardCharsets.UTF_8);
    /** The side records' column family ({@link SideRecords}). */
    private static final byte[] SIDE = "side".getBytes(StandardCharsets.UTF_8);
    private static final long BLOCK_CACHE_BYTES = 50L << 20;
    private static final long WRITE_BUFFER_BYTES = 16L << 20;

    private final String name;
    private final Options options;
    private final RocksDBConfigSetter configSetter;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final WriteOptions writeOptions = new WriteOptions();
    private final RocksDB db;
    private final ColumnFamilyHandle data;
    private final ColumnFamilyHandle offsets;
    private final ColumnFamilyHandle side;

    private RocksTable(String name, File dir, Map<String, Object> appConfigs) throws RocksDBException, IOException {
        this.name = name;
        options = defaults();
        configSetter = configSetter(appConfigs);
        if (configSetter != null) {
            configSetter.setConfig(name, options, appConfigs);
        }
        Files.createDirectories(dir.toPath());
        DBOptions dbOptions = keep(new DBOptions(options));
        ColumnFamilyOptions cfOptions = keep(new ColumnFamilyOptions(options));
        ColumnFamilyOptions offsetOptions = keep(new ColumnFamilyOptions().setCompressionType(CompressionType.NO_COMPRESSION)
                .setWriteBufferSize(1L << 20));
        List<byte[]> existing = RocksDB.listColumnFamilies(options, dir.getAbsolutePath());
        List<ColumnFamilyDescriptor> families = new ArrayList<>();
        families.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        families.add(new ColumnFamilyDescriptor(OFFSETS, offsetOptions));
        // A database written before side records existed gets the family, empty, when it opens.
        families.add(new ColumnFamilyDescriptor(SIDE, keep(new ColumnFamilyOptions().setCompressionType(CompressionType.NO_COMPRESSION)
                .setWriteBufferSize(4L << 20))));
        for (byte[] family : existing) {
            if (!Arrays.equals(family, RocksDB.DEFAULT_COLUMN_FAMILY) && !Arrays.equals(family, OFFSETS) && !Arrays.equals(family, SIDE)) {
                families.add(new ColumnFamilyDescriptor(family, cfOptions));
            }
        }
        db = RocksDB.open(dbOptions, dir.getAbsolutePath(), families, handles);
        data = handles.get(0);
        offsets = handles.get(1);
        side = handles.get(2);
    }

    static RocksTable open(String name, File dir, Map<String, Object> appConfigs) {
        try {
            return new RocksTable(name, dir, appConfigs);
        } catch (RocksDBException | IOException e) {
            throw new ProcessorStateException("cannot open store " + name + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private Options defaults() {
        BlockBasedTableConfig table = new BlockBasedTableConfig();
        table.setBlockCache(keep(new LRUCache(BLOCK_CACHE_BYTES)));
        table.setBlockSize(4096);
        table.setFilterPolicy(keep(new BloomFilter()));
        return new Options().setCreateIfMissing(true).setCreateMissingColumnFamilies(true).setErrorIfExists(false)
                .setInfoLogLevel(InfoLogLevel.ERROR_LEVEL).setTableFormatConfig(table).setOptimizeFiltersForHits(true)
                .setWriteBufferSize(WRITE_BUFFER_BYTES).setMaxWriteBufferNumber(3).setCompressionType(CompressionType.NO_COMPRESSION)
                .setCompactionStyle(CompactionStyle.UNIVERSAL).setIncreaseParallelism(Math.max(Runtime.getRuntime().availableProcessors(), 2));
    }

    @SuppressWarnings("unchecked")
    private static RocksDBConfigSetter configSetter(Map<String, Object> appConfigs) {
        Object setter = appConfigs.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);
        if (setter == null) {
            return null;
        }
        if (setter instanceof Class<?> type) {
            return Utils.newInstance((Class<RocksDBConfigSetter>) type);
        }
        try {
            return Utils.newInstance(setter.toString(), RocksDBConfigSetter.class);
        } catch (ClassNotFoundException e) {
            throw new ProcessorStateException("rocksdb.config.setter class not found: " + setter, e);
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    byte[] get(Bytes key) {
        try {
            return db.get(data, key.get());
        } catch (RocksDBException e) {
            throw new ProcessorStateException("cannot read store " + name + ": " + e.getMessage(), e);
        }
    }

    /** An iterator over the data, positioned by the caller; the caller closes it. */
    RocksIterator iterator() {
        return db.newIterator(data);
    }

    /** Adds a put (or, for a null value, a delete) of a data key to a batch. */
    void add(WriteBatch batch, byte[] key, byte[] value) throws RocksDBException {
        if (value == null) {
            batch.delete(data, key);
        } else {
            batch.put(data, key, value);
        }
    }

    /** Adds the committed offsets to a batch: an empty map clears them all, a null offset clears one. */
    void addOffsets(WriteBatch batch, Map<TopicPartition, Long> committed) throws RocksDBException {
        if (committed.isEmpty()) {
            try (RocksIterator it = db.newIterator(offsets)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    batch.delete(offsets, it.key());
                }
            }
            return;
        }
        for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
            byte[] key = e.getKey().toString().getBytes(StandardCharsets.UTF_8);
            if (e.getValue() == null) {
                batch.delete(offsets, key);
            } else {
                batch.put(offsets, key, ByteBuffer.allocate(Long.BYTES).putLong(e.getValue()).array());
            }
        }
    }

    /** Adds a put (or, for a null value, a delete) of a side record to a batch. */
    void addSide(WriteBatch batch, byte[] key, byte[] value) throws RocksDBException {
        if (value == null) {
            batch.delete(side, key);
        } else {
            batch.put(side, key, value);
        }
    }

    /** Adds the deletion of every side record to a batch. */
    void clearSide(WriteBatch batch) throws RocksDBException {
        try (RocksIterator it = db.newIterator(side)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                batch.delete(side, it.key());
            }
        }
    }

    /** Whether there is any side record. */
    boolean hasSide() {
        try (RocksIterator it = db.newIterator(side)) {
            it.seekToFirst();
            return it.isValid();
        }
    }

    /** Every side record, by key. */
    java.util.NavigableMap<byte[], byte[]> side() {
        java.util.NavigableMap<byte[], byte[]> records = new java.util.TreeMap<>(Arrays::compareUnsigned);
        try (RocksIterator it = db.newIterator(side)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                records.put(it.key(), it.value());
            }
        }
        return records;
    }

    /** Writes a batch atomically, through the write-ahead log. */
    void write(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new ProcessorStateException("cannot write store " + name + ": " + e.getMessage(), e);
        }
    }

    Long committedOffset(TopicPartition partition) {
        try {
            byte[] value = db.get(offsets, partition.toString().getBytes(StandardCharsets.UTF_8));
            return value == null ? null : ByteBuffer.wrap(value).getLong();
        } catch (RocksDBException e) {
            throw new ProcessorStateException("cannot read the committed offset of store " + name + ": " + e.getMessage(), e);
        }
    }

    long approximateNumEntries() {
        try {
            return Math.max(0, db.getLongProperty(data, "rocksdb.estimate-num-keys"));
        } catch (RocksDBException e) {
            throw new ProcessorStateException("cannot read the size of store " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // Flush the memtables: with the write-ahead log on, RocksDB does not on close, and the next
        // open replayed up to three write buffers of log per store (seconds after a bulk load, at
        // the start of KafkaStreams.start, which opens every store on disk on its caller's thread).
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            db.flush(flush, handles);
        } catch (RocksDBException e) {
            // The log still holds what the memtables did: the next open replays it.
        }
        if (configSetter != null) {
            configSetter.close(name, options);
        }
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        writeOptions.close();
        options.close();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // native option objects do not fail on close
            }
        }
    }
}
