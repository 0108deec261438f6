package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;

class DocumentLocationsTest {
    /** The documents at their places, as a partition's segments would hold them. */
    private final Map<Long, String> idAt = new HashMap<>();
    private final DocumentLocations table = new DocumentLocations(
            (segment, ordinal, utf8) -> new String(utf8, StandardCharsets.UTF_8).equals(idAt.get(DocumentLocations.place(segment, ordinal))));

    @Test
    void placesRoundTripForTheGrowingSegmentAndLargeNumbers() {
        for (int[] p : new int[][] {{DocumentLocation.GROWING, 0}, {0, 0}, {DocumentLocation.GROWING, Integer.MAX_VALUE}, {Integer.MAX_VALUE - 2, 7}}) {
            long place = DocumentLocations.place(p[0], p[1]);
            assertTrue(place != DocumentLocations.NONE);
            assertEquals(p[0], DocumentLocations.segment(place));
            assertEquals(p[1], DocumentLocations.ordinal(place));
        }
    }

    @Test
    void agreesWithAHashMapOverRandomPutsMovesAndRemovals() {
        randomOperations(utf8 -> DocumentLocations.hash(utf8), 3_000, 40_000, 1);
    }

    @Test
    void agreesWhenEveryIdCollidesOnAFewHashesThatWrapAroundTheTable() {
        // -1 and -2 have their home in the last slots, so runs wrap past the end; removals must shift them back.
        randomOperations(utf8 -> -1 - (utf8[utf8.length - 1] % 3), 400, 8_000, 2);
    }

    @Test
    void aRemovedIdIsGoneAndItsNeighboursInTheRunStayFound() {
        ToIntFunction<byte[]> sameHash = utf8 -> 5;
        for (int i = 0; i < 6; i++) {
            put("id" + i, 1, i, sameHash);
        }
        assertEquals(DocumentLocations.place(1, 2), table.remove(bytes("id2"), 5));
        assertEquals(DocumentLocations.NONE, table.get(bytes("id2"), 5));
        for (int i : new int[] {0, 1, 3, 4, 5}) {
            assertEquals(DocumentLocations.place(1, i), table.get(bytes("id" + i), 5), "id" + i);
        }
        assertEquals(5, table.size());
        assertEquals(DocumentLocations.NONE, table.remove(bytes("id2"), 5), "removing twice");
    }

    @Test
    void theStringFormsUseTheIdsUtf8Hash() {
        idAt.put(DocumentLocations.place(3, 9), "ĉ\u0092𖗰");
        table.put("ĉ\u0092𖗰", 3, 9);
        assertTrue(table.contains("ĉ\u0092𖗰"));
        assertEquals(DocumentLocations.place(3, 9), table.get(bytes("ĉ\u0092𖗰"), DocumentLocations.hash(bytes("ĉ\u0092𖗰"))));
        assertFalse(table.contains("c"));
        assertEquals(DocumentLocations.place(3, 9), table.remove("ĉ\u0092𖗰"));
        assertEquals(0, table.size());
    }

    private void randomOperations(ToIntFunction<byte[]> hash, int keys, int operations, long seed) {
        Random random = new Random(seed);
        Map<String, Long> expected = new HashMap<>();
        int nextOrdinal = 0;
        for (int op = 0; op < operations; op++) {
            String id = "doc-" + random.nextInt(keys);
            int choice = random.nextInt(200);
            if (choice < 120) {
                int segment = random.nextInt(5) - 1;
                put(id, segment, nextOrdinal++, hash);
                expected.put(id, DocumentLocations.place(segment, nextOrdinal - 1));
            } else if (choice < 199) {
                Long had = expected.remove(id);
                assertEquals(had == null ? DocumentLocations.NONE : had, table.remove(bytes(id), hash.applyAsInt(bytes(id))), id);
            } else {
                for (int k = 0; k < keys; k++) {
                    String probe = "doc-" + k;
                    Long want = expected.get(probe);
                    assertEquals(want == null ? DocumentLocations.NONE : want, table.get(bytes(probe), hash.applyAsInt(bytes(probe))), probe);
                }
            }
            assertEquals(expected.size(), table.size());
        }
        assertTrue(table.memoryBytes() <= 32 + 12L * 4 * Math.max(16, keys), "the table stays within 4 slots per id ever held at once");
    }

    private void put(String id, int segment, int ordinal, ToIntFunction<byte[]> hash) {
        idAt.put(DocumentLocations.place(segment, ordinal), id);
        table.put(bytes(id), hash.applyAsInt(bytes(id)), segment, ordinal);
    }

    private static byte[] bytes(String id) {
        return id.getBytes(StandardCharsets.UTF_8);
    }
}
