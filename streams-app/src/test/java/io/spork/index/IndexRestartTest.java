package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/**
 * A partition's index opened again from its stores, as a task does after a restart, a rebalance
 * or a standby promotion: the sealed segments are read back as they were written, the stored
 * sequence numbers tell the live entries, the documents that were still growing come back, and
 * every search stays equal to the oracle, before and after more writes.
 */
class IndexRestartTest {
    private static final IndexSettings SETTINGS = new IndexSettings(500, 60_000, 3, 0.3, 100_000, 4);

    private final MapKeyValueStore<String> documents = new MapKeyValueStore<>();
    private final MapKeyValueStore<Bytes> postings = new MapKeyValueStore<>();
    private final Map<String, SparseVector> live = new HashMap<>();
    private final Random random = new Random(21);

    private IndexWriter open() {
        return IndexWriter.open(0, SETTINGS, new DocumentStore(documents), new PostingStore(postings));
    }

    private void write(IndexWriter writer, int operations, int ids) {
        for (int op = 0; op < operations; op++) {
            String id = "doc-" + random.nextInt(ids);
            if (random.nextInt(6) == 0) {
                assertEquals(live.remove(id) != null, writer.delete(id));
            } else {
                SparseVector v = SegmentScorerTest.skewedVector(random, 5 + random.nextInt(25), random.nextBoolean());
                writer.upsert(new VectorRecord(id, "t " + id, "text", Map.of(), "h" + op, op, v));
                live.put(id, v);
            }
        }
    }

    private void assertExact(PartitionIndex index) {
        assertEquals(live.size(), index.documentCount());
        assertEquals(live.values().stream().mapToLong(SparseVector::size).sum(), index.postingCount());
        for (int q = 0; q < 60; q++) {
            SparseVector query = SegmentScorerTest.skewedVector(random, 2 + random.nextInt(20), false);
            assertEquals(ExhaustiveOracle.topK(live, query, 10), index.search(query, 10), "query " + q);
        }
    }

    @Test
    void reopenedIndexServesTheSameDocumentsExactly() {
        IndexWriter writer = open();
        write(writer, 6_000, 3_000);
        writer.index().awaitMerges();
        write(writer, 300, 3_000);
        assertTrue(writer.index().segmentCount() > 0, "segments were sealed");
        assertExact(writer.index());
        int segments = writer.index().segmentCount();

        IndexWriter reopened = open();
        assertEquals(segments, reopened.index().segmentCount(), "the same sealed segments, read back");
        for (String id : live.keySet()) {
            assertTrue(reopened.index().contains(id), id);
        }
        assertExact(reopened.index());

        write(reopened, 3_000, 3_000);
        reopened.index().awaitMerges();
        assertExact(reopened.index());
        assertExact(open().index());
    }

    @Test
    void aBulkLoadWritesFarFewerPostingRecordsThanDocuments() {
        IndexWriter writer = open();
        List<String> ids = new ArrayList<>();
        for (int d = 0; d < 5_000; d++) {
            SparseVector v = SegmentScorerTest.skewedVector(random, 100, false);
            writer.upsert(new VectorRecord("doc-" + d, null, null, Map.of(), "h", 0, v));
            live.put("doc-" + d, v);
            ids.add("doc-" + d);
        }
        writer.index().seal();
        writer.index().awaitMerges();
        for (byte[] value : postings.contents().values()) {
            assertTrue(value.length <= SegmentCodec.RECORD_BYTES, "a record of " + value.length + " bytes");
        }
        assertEquals(5_000, documents.puts, "one document record per document");
        assertTrue(postings.puts < ids.size(), "posting records (puts and deletes, merges included): " + postings.puts);
        assertExact(open().index());
    }

    @Test
    void deadPostingsStayBoundedUnderUpdates() {
        PartitionIndex index = new PartitionIndex(0, new IndexSettings(100, 60_000, 4, 0.3, 100_000, 4), null, SegmentSink.NONE, Runnable::run);
        long maxDead = 0;
        for (int op = 0; op < 30_000; op++) {
            String id = "doc-" + random.nextInt(300);
            SparseVector v = SegmentScorerTest.skewedVector(random, 20, false);
            index.upsert(id, v);
            live.put(id, v);
            if (op % 100 == 0) {
                long dead = index.deadPostings();
                maxDead = Math.max(maxDead, dead);
                assertTrue(dead <= index.postingCount(), "dead postings " + dead + " never outnumber the live " + index.postingCount());
            }
        }
        assertTrue(maxDead > 0, "updates left dead postings for merges to drop");
        assertExact(index);
    }
}
