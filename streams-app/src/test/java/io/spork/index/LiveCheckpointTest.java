package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The liveness checkpoint a partition writes at each commit ({@link LiveCheckpoint}) and the
 * restart that opens from it ({@link CheckpointRestore}) without reading the stored documents:
 * every reopened index must equal the exhaustive oracle, whether it opened from the checkpoint or,
 * when the checkpoint is missing, stale or of another format, from every stored document.
 */
class LiveCheckpointTest {
    private static final IndexSettings SETTINGS = new IndexSettings(200, 60_000, 3, 0.3, 100_000, 4);

    private final MapKeyValueStore<String> documents = MapKeyValueStore.withSideRecords();
    private final MapKeyValueStore<Bytes> postings = new MapKeyValueStore<>();
    private final Map<String, SparseVector> live = new HashMap<>();
    private final Random random = new Random(5);

    private IndexWriter open() {
        return IndexWriter.open(0, SETTINGS, new DocumentStore(documents), new PostingStore(postings));
    }

    /** Opens again and says whether the opening read every stored document (a scan of the document store). */
    private boolean reopenScans(IndexWriter[] opened) {
        int scans = documents.scans;
        opened[0] = open();
        return documents.scans > scans;
    }

    private void upsert(IndexWriter writer, String id) {
        SparseVector v = SegmentScorerTest.skewedVector(random, 5 + random.nextInt(25), random.nextBoolean());
        writer.upsert(new VectorRecord(id, null, null, Map.of(), "h" + random.nextLong(), 0, v));
        live.put(id, v);
    }

    private void delete(IndexWriter writer, String id) {
        assertEquals(live.remove(id) != null, writer.delete(id));
    }

    private void assertExact(PartitionIndex index) {
        assertEquals(live.size(), index.documentCount());
        assertEquals(live.values().stream().mapToLong(SparseVector::size).sum(), index.postingCount());
        for (String id : live.keySet()) {
            assertTrue(index.contains(id), id);
        }
        for (int q = 0; q < 40; q++) {
            SparseVector query = SegmentScorerTest.skewedVector(random, 2 + random.nextInt(20), false);
            assertEquals(ExhaustiveOracle.topK(live, query, 10), index.search(query, 10), "query " + q);
        }
    }

    @Test
    void aCommittedIndexReopensFromItsCheckpointWithoutReadingTheDocuments() {
        IndexWriter writer = open();
        for (int d = 0; d < 1_050; d++) {
            upsert(writer, "doc-" + d);
        }
        documents.commit();
        assertTrue(writer.index().segmentCount() >= 1, "sealed segments (and 50 documents growing)");
        assertNotNull(documents.side().get(CheckpointFormat.key(CheckpointFormat.HEADER)), "the commit wrote the checkpoint");

        IndexWriter[] reopened = new IndexWriter[1];
        assertFalse(reopenScans(reopened), "opened from the checkpoint");
        assertEquals(writer.index().segmentCount(), reopened[0].index().segmentCount());
        assertExact(reopened[0].index());
        assertEquals(writer.index().nextSequence(), reopened[0].index().nextSequence(), "the next sequence number carries over");
    }

    @Test
    void deletesAndUpdatesAfterASealSurviveARestart() {
        IndexWriter writer = open();
        for (int d = 0; d < 900; d++) {
            upsert(writer, "doc-" + d);
        }
        documents.commit();
        for (int d = 0; d < 900; d += 7) {
            delete(writer, "doc-" + d);
        }
        for (int d = 3; d < 900; d += 11) {
            upsert(writer, "doc-" + d);
        }
        delete(writer, "doc-899");
        documents.commit();

        IndexWriter[] reopened = new IndexWriter[1];
        assertFalse(reopenScans(reopened), "opened from the checkpoint");
        assertExact(reopened[0].index());
        assertNull(documents.get("doc-7"), "deleted");
        assertFalse(reopened[0].index().contains("doc-7"), "a delete after the seal stays deleted");

        // More changes on the reopened index, merges included, and another restart.
        for (int op = 0; op < 1_500; op++) {
            String id = "doc-" + random.nextInt(1_200);
            if (random.nextInt(5) == 0) {
                delete(reopened[0], id);
            } else {
                upsert(reopened[0], id);
            }
        }
        reopened[0].index().awaitMerges();
        documents.commit();
        IndexWriter[] again = new IndexWriter[1];
        assertFalse(reopenScans(again), "opened from the checkpoint");
        assertExact(again[0].index());
    }

    @Test
    void aSealCommittedByThePostingStoreAloneKeepsTheCheckpointTrue() {
        IndexWriter writer = open();
        for (int d = 0; d < 150; d++) {
            upsert(writer, "doc-" + d);
        }
        documents.commit();
        writer.index().seal(); // a seal on the wall-clock tick: only posting records
        // The posting store's commit tells the document store's checkpoint (persistSide).
        documents.persistSide();
        IndexWriter[] reopened = new IndexWriter[1];
        assertFalse(reopenScans(reopened), "opened from the checkpoint");
        assertEquals(1, reopened[0].index().segmentCount());
        assertExact(reopened[0].index());
    }

    @Test
    void aCheckpointThatDoesNotDescribeTheSegmentsFallsBackToReadingEveryDocument() {
        IndexWriter writer = open();
        for (int d = 0; d < 500; d++) {
            upsert(writer, "doc-" + d);
        }
        documents.commit();
        for (int d = 500; d < 700; d++) {
            upsert(writer, "doc-" + d); // seals again, not committed to the checkpoint
        }
        IndexWriter[] reopened = new IndexWriter[1];
        assertTrue(reopenScans(reopened), "a stale checkpoint is not trusted");
        assertExact(reopened[0].index());

        documents.commit(); // the reopened writer rewrites the whole checkpoint
        IndexWriter[] again = new IndexWriter[1];
        assertFalse(reopenScans(again), "opened from the rewritten checkpoint");
        assertExact(again[0].index());
    }

    @Test
    void aStoreWrittenBeforeCheckpointsOpensByReadingEveryDocumentAndThenGetsOne() {
        MapKeyValueStore<String> older = new MapKeyValueStore<>();
        IndexWriter writer = IndexWriter.open(0, SETTINGS, new DocumentStore(older), new PostingStore(postings));
        for (int d = 0; d < 450; d++) {
            SparseVector v = SegmentScorerTest.skewedVector(random, 12, false);
            writer.upsert(new VectorRecord("doc-" + d, null, null, Map.of(), "h", 0, v));
            live.put("doc-" + d, v);
        }
        older.contents().forEach(documents::put); // the same store, now one that keeps side records
        IndexWriter[] reopened = new IndexWriter[1];
        assertTrue(reopenScans(reopened), "no checkpoint: every stored document is read");
        assertExact(reopened[0].index());
        documents.commit();
        IndexWriter[] again = new IndexWriter[1];
        assertFalse(reopenScans(again), "the first commit wrote the checkpoint");
        assertExact(again[0].index());
    }

    @Test
    void aCheckpointOfAnotherFormatIsNotRead() {
        IndexWriter writer = open();
        for (int d = 0; d < 300; d++) {
            upsert(writer, "doc-" + d);
        }
        documents.commit();
        byte[] header = documents.side().get(CheckpointFormat.key(CheckpointFormat.HEADER)).clone();
        header[0] = 9;
        documents.side().put(CheckpointFormat.key(CheckpointFormat.HEADER), header);
        CheckpointRestore.Outcome outcome = CheckpointRestore.of(documents.read(), new PostingStore(postings).load());
        assertNull(outcome.restored());
        assertEquals("liveness checkpoint of format 9 (this version reads 1)", outcome.whyNot());
        IndexWriter[] reopened = new IndexWriter[1];
        assertTrue(reopenScans(reopened), "read every stored document instead");
        assertExact(reopened[0].index());
    }

    @Test
    void documentsRestoredFromTheChangelogAfterTheCheckpointAreLookedUpAlone() {
        IndexWriter writer = open();
        for (int d = 0; d < 1_050; d++) {
            upsert(writer, "doc-" + d);
        }
        documents.commit();
        MapKeyValueStore<String> committed = documents.copy();
        int segments = writer.index().segmentCount();
        // The uncommitted tail a crash drops: a new document, updates of a sealed and of a growing one, deletes of both.
        upsert(writer, "doc-new");
        upsert(writer, "doc-3");
        upsert(writer, "doc-1049");
        delete(writer, "doc-10");
        delete(writer, "doc-1040");
        assertEquals(segments, writer.index().segmentCount(), "no seal in the tail: the posting store is as committed");
        // The restarted store: the committed data and checkpoint, then the tail replayed from the changelog.
        MapKeyValueStore<String> restarted = committed.copy();
        for (String id : List.of("doc-new", "doc-3", "doc-1049", "doc-10", "doc-1040")) {
            restarted.restored(id, id.getBytes(java.nio.charset.StandardCharsets.UTF_8), documents.contents().get(id));
        }
        int scans = restarted.scans;
        IndexWriter reopened = IndexWriter.open(0, SETTINGS, new DocumentStore(restarted), new PostingStore(postings));
        assertEquals(scans, restarted.scans, "opened from the checkpoint and the five restored documents");
        assertExact(reopened.index());
        assertFalse(reopened.index().contains("doc-10"));
        assertFalse(reopened.index().contains("doc-1040"));
    }

    @Test
    void aStoreThatKeepsNoSideRecordsOpensByReadingEveryDocument() {
        CheckpointRestore.Outcome outcome = CheckpointRestore.of(io.spork.state.SideRecords.NONE.read(), List.of());
        assertNull(outcome.restored());
        assertEquals("no liveness checkpoint", outcome.whyNot());
    }

    @Test
    void ordinalListsRoundTrip() {
        int[] ordinals = {0, 1, 5, 127, 128, 4095, 4096, 70_000};
        assertArrayEquals(ordinals, CheckpointFormat.ordinals(CheckpointFormat.ordinals(ordinals)));
        LiveSet l = LiveSet.allLive(80_000);
        for (int o : ordinals) {
            l = l.without(o);
        }
        assertArrayEquals(ordinals, l.deadOrdinals());
        assertEquals(0, LiveSet.allLive(10).deadOrdinals().length);
    }
}
