package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which segment entries are live after a restart is told by the stored sequence numbers alone. */
class SegmentRestoreTest {
    private static SealedSegment segment(int number, Object... idSequenceTerms) {
        SegmentBuilder builder = new SegmentBuilder();
        for (int i = 0; i < idSequenceTerms.length; i += 3) {
            int terms = (Integer) idSequenceTerms[i + 2];
            int ordinal = builder.document((String) idSequenceTerms[i], (Long) idSequenceTerms[i + 1], terms);
            for (int t = 0; t < terms; t++) {
                builder.posting(t, ordinal, 1f);
            }
        }
        return builder.build(number);
    }

    @Test
    void theStoredSequenceTellsTheLiveEntryAndTheRestArePending() {
        SealedSegment old = segment(3, "a", 0L, 2, "b", 1L, 3);
        SealedSegment newer = segment(7, "a", 4L, 5, "c", 2L, 1);
        // a: updated (sequence 4 lives in segment 7); b: deleted; c: live; d: stored but never sealed.
        Map<String, Long> stored = Map.of("a", 4L, "c", 2L, "d", 9L);
        SegmentRestore.Restored r = SegmentRestore.of(List.of(old, newer), stored);

        assertFalse(r.live().get(0).get(0), "a's old entry");
        assertFalse(r.live().get(0).get(1), "b was deleted");
        assertTrue(r.live().get(1).get(0), "a's stored version");
        assertTrue(r.live().get(1).get(1), "c");
        PartitionSegments installed = new PartitionSegments(4);
        installed.install(r);
        assertEquals(new DocumentLocation(7, 0, 4), installed.location("a"), "the live entry's location");
        assertEquals(new DocumentLocation(7, 1, 2), installed.location("c"));
        assertNull(installed.location("b"), "deleted");
        assertNull(installed.location("d"), "pending: not indexed until added again");
        assertEquals(2, r.liveDocuments());
        assertEquals(5 + 1, r.livePostings());
        assertEquals(List.of(new SegmentRestore.Pending("d", 9L)), r.pending());
        assertEquals(10, r.nextSequence(), "after every sequence number seen");
        assertEquals(8, r.nextSegment());
    }

    @Test
    void anEmptyStoreStartsFromZero() {
        SegmentRestore.Restored r = SegmentRestore.of(List.of(), Map.of());
        assertEquals(0, r.nextSequence());
        assertEquals(0, r.nextSegment());
        assertTrue(r.pending().isEmpty() && r.segments().isEmpty());
    }
}
