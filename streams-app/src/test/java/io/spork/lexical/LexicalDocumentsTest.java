package io.spork.lexical;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LexicalDocumentsTest {
    @Test
    void keepsOrdinalsLengthsAndTheLiveTotalLength() {
        LexicalDocuments documents = new LexicalDocuments(2);
        assertEquals(0, documents.add("a", 5));
        assertEquals(1, documents.add("b", 7));
        assertEquals(2, documents.add("c", 1));
        assertEquals(13, documents.totalLength());
        assertEquals(1, documents.remove("b"));
        assertEquals(-1, documents.remove("b"), "removed once");
        assertEquals(6, documents.totalLength());
        assertEquals(2, documents.count());
        assertEquals(3, documents.ordinals(), "a dead ordinal stays until compaction");
        assertFalse(documents.live(1));
        assertEquals(2, documents.nextLive(1));
        assertEquals(-1, documents.ordinalOf("b"));
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> documents.add("a", 1));
        assertTrue(twice.getMessage().contains("partition 2"), twice.getMessage());
    }

    @Test
    void compactionRenumbersTheLiveDocumentsInOrder() {
        LexicalDocuments documents = new LexicalDocuments(0);
        for (String id : new String[] {"a", "b", "c", "d"}) {
            documents.add(id, id.charAt(0));
        }
        documents.remove("a");
        documents.remove("c");
        assertArrayEquals(new int[] {-1, 0, -1, 1}, documents.compact());
        assertEquals(2, documents.ordinals());
        assertEquals("d", documents.id(1));
        assertEquals('d', documents.length(1));
        assertEquals(1, documents.ordinalOf("d"));
        assertEquals('b' + 'd', documents.totalLength());
        assertEquals(2, documents.add("e", 3), "new documents go after the live ones");
    }
}
