package io.spork.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommittedKeyValueStoreTest {
    private static final TopicPartition CHANGELOG = new TopicPartition("app-test-changelog", 0);

    @TempDir
    Path dir;

    @Test
    void onlyCommittedWritesSurviveAReopenWithTheirOffset() {
        CommittedKeyValueStore store = open();
        store.put(key("a"), value("1"));
        store.put(key("b"), value("2"));
        store.commit(Map.of(CHANGELOG, 41L));
        store.put(key("c"), value("3"));
        store.delete(key("a"));
        store.put(key("b"), value("22"));
        assertNull(store.get(key("a")), "a buffered delete hides the committed value");
        assertArrayEquals(value("22"), store.get(key("b")));
        assertArrayEquals(value("3"), store.get(key("c")));
        assertEquals(3, store.uncommitted());
        store.close(); // a dirty close: no commit

        CommittedKeyValueStore reopened = open();
        assertEquals(41L, reopened.committedOffset(CHANGELOG));
        assertArrayEquals(value("1"), reopened.get(key("a")));
        assertArrayEquals(value("2"), reopened.get(key("b")));
        assertNull(reopened.get(key("c")), "an uncommitted write reached the disk");
        assertEquals(0, reopened.uncommitted());
        reopened.close();
    }

    @Test
    void aCommitPersistsDeletesAndMovesTheOffset() {
        CommittedKeyValueStore store = open();
        store.put(key("a"), value("1"));
        store.commit(Map.of(CHANGELOG, 1L));
        store.delete(key("a"));
        store.put(key("b"), new byte[0]);
        store.commit(Map.of(CHANGELOG, 3L));
        store.close();
        CommittedKeyValueStore reopened = open();
        assertNull(reopened.get(key("a")));
        assertArrayEquals(new byte[0], reopened.get(key("b")), "an empty value is a value, not a delete");
        assertEquals(3L, reopened.committedOffset(CHANGELOG));
        reopened.commit(Map.of());
        assertNull(reopened.committedOffset(CHANGELOG), "an empty commit clears the offsets");
        reopened.close();
    }

    @Test
    void rangesMergeBufferedWritesOverCommittedOnesInKeyOrder() {
        Random random = new Random(7);
        TreeMap<Bytes, byte[]> oracle = new TreeMap<>();
        CommittedKeyValueStore store = open();
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 300; i++) {
                Bytes k = key(String.format("k%03d", random.nextInt(200)));
                if (random.nextInt(4) == 0) {
                    store.delete(k);
                    oracle.remove(k);
                } else {
                    byte[] v = value(round + "-" + i);
                    store.put(k, v);
                    oracle.put(k, v);
                }
            }
            if (round % 2 == 0) {
                store.commit(Map.of(CHANGELOG, (long) round));
            }
            assertEquals(entries(oracle.entrySet().stream().map(e -> KeyValue.pair(e.getKey(), e.getValue())).toList()), entries(store.all()));
            Bytes from = key("k050");
            Bytes to = key("k120");
            assertEquals(entries(oracle.subMap(from, true, to, true).entrySet().stream().map(e -> KeyValue.pair(e.getKey(), e.getValue())).toList()),
                    entries(store.range(from, to)));
        }
        store.close();
    }

    /** A companion that writes one side record with the commit's number. */
    private static final class CountingCompanion implements SideRecords.Companion {
        int commits;

        @Override
        public void addTo(SideRecords.Writes writes) {
            writes.put(value("n"), value(Integer.toString(commits + 1)));
        }

        @Override
        public void persisted() {
            commits++;
        }
    }

    @Test
    void sideRecordsAreWrittenWithEachCommitAndReadAfterAReopen() {
        CommittedKeyValueStore store = open();
        CountingCompanion companion = new CountingCompanion();
        store.attach(companion);
        store.put(key("a"), value("1"));
        store.commit(Map.of(CHANGELOG, 1L));
        store.put(key("b"), value("2"));
        store.commit(Map.of(CHANGELOG, 2L));
        assertEquals(2, companion.commits);
        store.persistSide();
        assertEquals(3, companion.commits, "a side-only commit");
        store.close();

        CommittedKeyValueStore reopened = open();
        assertEquals(List.of("n=3"), side(reopened));
        assertEquals(List.of("a=1", "b=2"), entries(reopened.all()), "side records are not data");
        reopened.close();
    }

    @Test
    void aRestoreMarksItsKeysALongOneOrACommitWithoutACompanionClearsTheSideRecords() {
        CommittedKeyValueStore store = open();
        store.attach(new CountingCompanion());
        store.put(key("a"), value("1"));
        store.commit(Map.of(CHANGELOG, 1L));
        store.restore(List.of(new org.apache.kafka.clients.consumer.ConsumerRecord<>(CHANGELOG.topic(), 0, 2L, value("b"), value("2"))));
        assertEquals(List.of("\u0000b=", "n=1"), side(store), "a restored key is marked for the reader to look up");
        List<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> many = new ArrayList<>();
        for (int i = 0; i < CommittedKeyValueStore.MAX_TOUCHED; i++) {
            many.add(new org.apache.kafka.clients.consumer.ConsumerRecord<>(CHANGELOG.topic(), 0, 3L + i, value("k" + i), value("v")));
        }
        store.restore(many);
        assertEquals(List.of(), side(store), "a long restore clears them");
        store.close();

        CommittedKeyValueStore again = open();
        assertEquals(List.of(), side(again), "a reopened store has no companion until one is attached");
        again.attach(new CountingCompanion());
        again.commit(Map.of(CHANGELOG, 3L));
        assertEquals(List.of("n=1"), side(again));
        again.attach(null);
        again.commit(Map.of(CHANGELOG, 3L));
        assertEquals(List.of("n=1"), side(again), "a commit that wrote no data leaves them");
        again.put(key("c"), value("3"));
        again.commit(Map.of(CHANGELOG, 4L));
        assertEquals(List.of(), side(again), "data committed without the companion");
        again.close();
    }

    @Test
    void aDatabaseWrittenBeforeSideRecordsOpensWithItsDataAndNone() throws Exception {
        java.io.File db = new File(new File(new File(dir.toFile(), new TaskId(0, 0).toString()), "rocksdb"), "test");
        java.nio.file.Files.createDirectories(db.toPath());
        List<org.rocksdb.ColumnFamilyHandle> handles = new ArrayList<>();
        try (org.rocksdb.DBOptions options = new org.rocksdb.DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
             org.rocksdb.RocksDB old = org.rocksdb.RocksDB.open(options, db.getAbsolutePath(), List.of(
                     new org.rocksdb.ColumnFamilyDescriptor(org.rocksdb.RocksDB.DEFAULT_COLUMN_FAMILY),
                     new org.rocksdb.ColumnFamilyDescriptor(value("offsets"))), handles)) {
            old.put(handles.get(0), value("a"), value("1"));
            handles.forEach(org.rocksdb.ColumnFamilyHandle::close);
        }
        CommittedKeyValueStore store = open();
        assertArrayEquals(value("1"), store.get(key("a")));
        assertEquals(List.of(), side(store));
        store.close();
    }

    private static List<String> side(CommittedKeyValueStore store) {
        return store.read().entrySet().stream().map(e -> new String(e.getKey(), StandardCharsets.UTF_8) + "=" + new String(e.getValue(), StandardCharsets.UTF_8)).toList();
    }

    private static List<String> entries(KeyValueIterator<Bytes, byte[]> it) {
        List<KeyValue<Bytes, byte[]>> all = new ArrayList<>();
        try (it) {
            it.forEachRemaining(all::add);
        }
        return entries(all);
    }

    private static List<String> entries(List<KeyValue<Bytes, byte[]>> all) {
        return all.stream().map(kv -> new String(kv.key.get(), StandardCharsets.UTF_8) + "=" + new String(kv.value, StandardCharsets.UTF_8)).toList();
    }

    private CommittedKeyValueStore open() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        TaskId task = new TaskId(0, 0);
        StateStoreContext context = new MockProcessorContext<Object, Object>(props, task, new File(dir.toFile(), task.toString()))
                .getStateStoreContext();
        CommittedKeyValueStore store = new CommittedKeyValueStore("test");
        store.init(context, store);
        return store;
    }

    private static Bytes key(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] value(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
