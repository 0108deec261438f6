package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.DocumentEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writes acknowledged here and not applied yet: the latest per id, forgotten once applied, expired, or crowded out. */
class RecentWritesTest {
    private static DocumentEvent upsert(String id, String text) {
        return DocumentEvent.upsert(id, "t", text, Map.of());
    }

    @Test
    void theLatestWriteOfAnIdIsPendingUntilApplied() {
        RecentWrites recent = new RecentWrites(Duration.ofMinutes(1), 10);
        DocumentEvent first = upsert("a", "one");
        recent.acknowledged(first);
        RecentWrites.Write pending = recent.pending("a").orElseThrow();
        assertEquals(first, pending.event());
        assertEquals(first.contentHash(), pending.appliedHash());
        DocumentEvent second = upsert("a", "two");
        recent.acknowledged(second);
        recent.applied(pending);
        assertEquals(second, recent.pending("a").orElseThrow().event(), "the store showing the first write does not drop the second");
        recent.applied(recent.pending("a").orElseThrow());
        assertTrue(recent.pending("a").isEmpty());
    }

    @Test
    void aDeleteIsAppliedWhenTheDocumentIsGoneAndForgetDropsAWrite() {
        RecentWrites recent = new RecentWrites(Duration.ofMinutes(1), 10);
        recent.acknowledged(DocumentEvent.delete("a"));
        assertNull(recent.pending("a").orElseThrow().appliedHash(), "a delete is applied once nothing is stored");
        recent.forget("a");
        assertTrue(recent.pending("a").isEmpty());
    }

    @Test
    void writesExpireAndTheOldestGoFirstBeyondTheLimit() {
        RecentWrites expiring = new RecentWrites(Duration.ZERO, 10);
        expiring.acknowledged(upsert("a", "x"));
        assertTrue(expiring.pending("a").isEmpty(), "past its time to live");
        RecentWrites small = new RecentWrites(Duration.ofMinutes(1), 2);
        small.acknowledged(upsert("a", "x"));
        small.acknowledged(upsert("b", "x"));
        small.acknowledged(upsert("a", "y"));
        small.acknowledged(upsert("c", "x"));
        assertTrue(small.pending("b").isEmpty(), "b is the oldest once a was written again");
        assertEquals("y", small.pending("a").orElseThrow().event().text());
        assertTrue(small.pending("c").isPresent());
    }
}
