package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DocumentIdsTest {
    private static final String[] IDS = {"d000000001", "", "ĉ\u0092𖗰", "a", "ab", "Ünïcödé-id/with spaces", "d000000001"};

    @Test
    void everyIdReadsBackAsWrittenAndMatchesOnlyItsOwnBytes() {
        DocumentIds ids = DocumentIds.of(IDS);
        assertEquals(IDS.length, ids.size());
        for (int d = 0; d < IDS.length; d++) {
            byte[] utf8 = IDS[d].getBytes(StandardCharsets.UTF_8);
            assertEquals(IDS[d], ids.get(d));
            assertArrayEquals(utf8, ids.utf8(d));
            assertTrue(ids.matches(d, utf8));
            assertEquals(DocumentIds.hash(utf8, 0, utf8.length), ids.hash(d), "the hash of the stored bytes is the hash of the id");
        }
        assertFalse(ids.matches(3, "ab".getBytes(StandardCharsets.UTF_8)), "a prefix is not the id");
        assertFalse(ids.matches(4, "a".getBytes(StandardCharsets.UTF_8)));
        assertFalse(ids.matches(1, "a".getBytes(StandardCharsets.UTF_8)), "the empty id");
    }

    @Test
    void theBuilderGrowsPastItsEstimateAndTrimsToTheBytesUsed() {
        DocumentIds.Builder builder = new DocumentIds.Builder(IDS.length, 1);
        long total = 0;
        for (String id : IDS) {
            byte[] utf8 = ("xx" + id).getBytes(StandardCharsets.UTF_8);
            builder.add(utf8, 2, utf8.length - 2);
            total += utf8.length - 2;
        }
        DocumentIds ids = builder.build();
        for (int d = 0; d < IDS.length; d++) {
            assertEquals(IDS[d], ids.get(d));
        }
        assertEquals(32 + total + 4L * (IDS.length + 1), ids.memoryBytes(), "no slack left in the arrays");
    }

    @Test
    void aBuilderGivenFewerIdsThanDocumentsRefusesToBuild() {
        DocumentIds.Builder builder = new DocumentIds.Builder(2, 8);
        builder.add(new byte[] {'a'}, 0, 1);
        assertThrows(IllegalStateException.class, builder::build);
    }

    @Test
    void idsThatDifferInOneByteHashApart() {
        byte[] a = "d000000001".getBytes(StandardCharsets.UTF_8);
        byte[] b = "d000000002".getBytes(StandardCharsets.UTF_8);
        assertTrue(DocumentIds.hash(a, 0, a.length) != DocumentIds.hash(b, 0, b.length));
        assertTrue((DocumentIds.hash(a, 0, a.length) & 1023) != (DocumentIds.hash(b, 0, b.length) & 1023), "and in the low bits a table uses");
    }
}
