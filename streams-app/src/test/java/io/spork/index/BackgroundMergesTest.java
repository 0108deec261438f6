package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One merge at a time, of the segments the policy picks, from the stored floats of their live documents. */
class BackgroundMergesTest {
    private static final IndexSettings SETTINGS = new IndexSettings(2, 1000, 2, 0.3, 1000, 3);
    private final Map<String, SparseVector> stored = new HashMap<>();

    private SealedSegment segment(int number, String... ids) {
        SegmentBuilder builder = new SegmentBuilder();
        for (String id : ids) {
            SparseVector v = new SparseVector(new int[] {id.charAt(0)}, new float[] {1f});
            stored.put(id, v);
            builder.posting(id.charAt(0), builder.document(id, 0, 1), 1f);
        }
        return builder.build(number);
    }

    @Test
    void mergesTwoSegmentsOfOneTierWithoutTheirDeadDocuments() {
        List<SealedSegment> segments = List.of(segment(0, "a", "b"), segment(1, "c", "d"));
        List<LiveSet> live = new ArrayList<>(List.of(LiveSet.allLive(2).without(1), LiveSet.allLive(2)));
        BackgroundMerges merges = new BackgroundMerges(0, new MergePolicy(SETTINGS), (id, s) -> stored.get(id), Runnable::run);
        int[] next = {5};
        merges.start(segments, live, () -> next[0]++);
        assertTrue(merges.running());
        BackgroundMerges.Finished done = merges.poll();
        assertFalse(merges.running());
        assertEquals(5, done.merged().number);
        assertEquals(List.of("a", "c", "d"), ids(done.merged()));
        assertEquals(segments, done.inputs());
        assertNull(merges.poll(), "handed out once");
    }

    @Test
    void aFailedMergeLeavesTheSegmentsAsTheyAre() {
        List<SealedSegment> segments = List.of(segment(0, "a", "b"), segment(1, "c", "d"));
        BackgroundMerges merges = new BackgroundMerges(0, new MergePolicy(SETTINGS), (id, s) -> {
            throw new IllegalStateException("store closed");
        }, Runnable::run);
        merges.start(segments, List.of(LiveSet.allLive(2), LiveSet.allLive(2)), () -> 1);
        assertNull(merges.poll());
        assertFalse(merges.running());
    }

    @Test
    void nothingStartsWhenThePolicyPicksNothing() {
        BackgroundMerges merges = new BackgroundMerges(0, new MergePolicy(SETTINGS), (id, s) -> null, Runnable::run);
        merges.start(List.of(segment(0, "a")), List.of(LiveSet.allLive(1)), () -> {
            throw new AssertionError("no number is taken");
        });
        assertFalse(merges.running());
    }

    @Test
    void aDocumentWithoutAStoredVectorIsLeftOutOfTheMerge() {
        SealedSegment s = segment(0, "a", "b");
        stored.remove("b");
        SealedSegment merged = BackgroundMerges.merged(3, List.of(s), List.of(LiveSet.allLive(2)), (id, q) -> stored.get(id));
        assertEquals(List.of("a"), ids(merged));
    }

    @Test
    void aStoppedMergeReadsNoStoreAfterTheStopAndNoMergeStartsAgain() {
        List<SealedSegment> segments = List.of(segment(0, "a", "b"), segment(1, "c", "d"));
        List<LiveSet> live = List.of(LiveSet.allLive(2), LiveSet.allLive(2));
        List<Runnable> queued = new ArrayList<>();
        List<String> read = new ArrayList<>();
        BackgroundMerges merges = new BackgroundMerges(0, new MergePolicy(SETTINGS), (id, s) -> {
            read.add(id);
            return stored.get(id);
        }, queued::add);
        merges.start(segments, live, () -> 1);
        assertEquals(1, queued.size());
        Thread closing = new Thread(merges::stop);
        closing.start();
        while (closing.getState() != Thread.State.WAITING && closing.getState() != Thread.State.TERMINATED) {
            Thread.onSpinWait();
        }
        queued.get(0).run();
        assertDoesNotThrow(() -> closing.join(10_000));
        assertFalse(closing.isAlive(), "stop returns once the merge has ended");
        assertEquals(List.of(), read, "the merge stopped before its first read");
        assertFalse(merges.running());
        merges.start(segments, live, () -> 2);
        assertEquals(1, queued.size(), "a stopped partition starts no merge");
    }

    private static List<String> ids(SealedSegment segment) {
        List<String> ids = new java.util.ArrayList<>();
        for (int d = 0; d < segment.size(); d++) {
            ids.add(segment.id(d));
        }
        return ids;
    }
}
