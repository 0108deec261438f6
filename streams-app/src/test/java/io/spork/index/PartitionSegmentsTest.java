package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The writer's state publishes immutable views: what a search took never changes under it. */
class PartitionSegmentsTest {
    private static final SparseVector TWO_TERMS = new SparseVector(new int[] {1, 5}, new float[] {0.5f, 2f});

    @Test
    void aPublishedViewStaysAsItWasWhileTheWriterGoesOn() {
        PartitionSegments state = new PartitionSegments(10);
        state.addGrowing("a", 0, TWO_TERMS);
        state.publish();
        IndexView before = state.view();
        assertTrue(state.remove("a"));
        state.publish();
        assertTrue(before.growingLive().get(0), "the old view still sees a live");
        assertEquals(1, before.documents());
        assertFalse(state.view().growingLive().get(0));
        assertEquals(0, state.view().documents());
        assertEquals(0, state.view().postings());
        assertFalse(state.remove("a"), "removed once");
    }

    @Test
    void sealingMovesLiveDocumentsToASegmentAndDropsDeadOnes() {
        PartitionSegments state = new PartitionSegments(10);
        state.addGrowing("a", 0, TWO_TERMS);
        state.addGrowing("b", 1, TWO_TERMS);
        state.remove("a");
        SealedSegment sealed = state.sealGrowing(4);
        assertEquals(1, sealed.size());
        assertEquals(new DocumentLocation(4, 0, 1), state.location("b"));
        assertEquals(0, state.view().growingSize());
        assertEquals(List.of(sealed), state.view().segments());
        assertNull(new PartitionSegments(10).sealGrowing(0), "nothing to seal");
    }

    @Test
    void aMergeIsInstalledWithDocumentsThatChangedMeanwhileDeadAndMissedOnesReturned() {
        PartitionSegments state = new PartitionSegments(2);
        state.addGrowing("a", 0, TWO_TERMS);
        state.addGrowing("b", 1, TWO_TERMS);
        SealedSegment first = state.sealGrowing(0);
        state.addGrowing("c", 2, TWO_TERMS);
        state.addGrowing("d", 3, TWO_TERMS);
        SealedSegment second = state.sealGrowing(1);
        // The merge read a, b and c (not d); meanwhile b was deleted.
        SegmentBuilder builder = new SegmentBuilder();
        for (String id : new String[] {"a", "b", "c"}) {
            int ordinal = builder.document(id, state.location(id).sequence(), 2);
            builder.posting(1, ordinal, 0.5f);
            builder.posting(5, ordinal, 2f);
        }
        SealedSegment merged = builder.build(2);
        state.remove("b");
        List<PartitionSegments.Orphan> orphans = state.installMerged(merged, List.of(first, second));
        assertEquals(List.of(new PartitionSegments.Orphan("d", 3)), orphans);
        assertEquals(List.of(merged), state.view().segments());
        LiveSet live = state.view().live().get(0);
        assertTrue(live.get(0) && !live.get(1) && live.get(2), "a and c live, b dead");
        assertEquals(2, state.view().documents());
        assertEquals(4, state.view().postings());
        assertFalse(state.contains("d"), "an orphan is out until the writer adds it again");
    }
}
