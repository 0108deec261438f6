package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.schema.VectorRecordSerde;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentCodecTest {
    private static final VectorRecord RECORD = new VectorRecord("doc-é1", "A title", "Some text, ünïcode", Map.of("lang", "en", "b", ""),
            "hash-1", 1234567890123L, new SparseVector(new int[] {3, 700, 30521}, new float[] {0.25f, 1.5f, 3.0e-3f}));

    @Test
    void roundTripsEveryField() {
        byte[] bytes = DocumentCodec.encode(42, RECORD);
        DocumentCodec.Stored stored = DocumentCodec.decode(bytes);
        assertEquals(42, stored.sequence());
        assertEquals(RECORD, stored.record());
        assertEquals(42, DocumentCodec.sequence(bytes));
        assertEquals(new DocumentStore.Summary("A title", "Some text, ünïcode"), DocumentStore.summaryOf("doc-é1", bytes));
    }

    @Test
    void nullsAndEmptyVectorsSurvive() {
        VectorRecord bare = new VectorRecord("x", null, null, null, null, 0, SparseVector.empty());
        assertEquals(bare, DocumentCodec.decode(DocumentCodec.encode(0, bare)).record());
        assertNull(DocumentStore.summaryOf("x", DocumentCodec.encode(0, bare)).title());
    }

    @Test
    void scoresFromTheStoredBytesEqualTheExactScoreBitForBit() {
        java.util.Random random = new java.util.Random(31);
        for (int trial = 0; trial < 300; trial++) {
            SparseVector document = SegmentScorerTest.skewedVector(random, 1 + random.nextInt(150), false);
            SparseVector query = SegmentScorerTest.skewedVector(random, 1 + random.nextInt(40), false);
            byte[] bytes = DocumentCodec.encode(trial, new VectorRecord("d", "t", "x".repeat(trial), Map.of("k", "v"), "h", 0, document));
            assertEquals(Float.floatToRawIntBits(ExactScore.of(query, document)), Float.floatToRawIntBits(DocumentCodec.score(bytes, trial, query)),
                    "trial " + trial);
            assertTrue(Float.isNaN(DocumentCodec.score(bytes, trial + 1, query)), "another version scores NaN");
        }
        byte[] json = VectorRecordSerde.write(RECORD);
        assertEquals(ExactScore.of(RECORD.vector(), RECORD.vector()), DocumentCodec.score(json, -1, RECORD.vector()));
    }

    @Test
    void isFarSmallerThanJsonAndStillReadsJson() {
        byte[] json = VectorRecordSerde.write(RECORD);
        assertTrue(DocumentCodec.encode(1, RECORD).length < json.length, "binary smaller than JSON");
        assertEquals(RECORD, DocumentCodec.decode(json).record());
        assertEquals(-1, DocumentCodec.decode(json).sequence());
    }

    @Test
    void readsDocumentsStoredInTheFloatFormat() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(1);
        out.write(43);
        for (int i = 0; i < 8; i++) {
            out.write(0);
        }
        out.write(1 + "x".length());
        out.writeBytes("x".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int i = 0; i < 4; i++) {
            out.write(0);
        }
        SparseVector v = RECORD.vector();
        out.write(v.size());
        int previous = -1;
        for (int i = 0; i < v.size(); i++) {
            int delta = v.idAt(i) - previous;
            for (; (delta & ~0x7F) != 0; delta >>>= 7) {
                out.write((delta & 0x7F) | 0x80);
            }
            out.write(delta);
            previous = v.idAt(i);
        }
        for (int i = 0; i < v.size(); i++) {
            out.writeBytes(java.nio.ByteBuffer.allocate(4).putFloat(v.weightAt(i)).array());
        }
        byte[] legacy = out.toByteArray();
        DocumentCodec.Stored stored = DocumentCodec.decode(legacy);
        assertEquals(42, stored.sequence());
        assertEquals(new VectorRecord("x", null, null, Map.of(), null, 0, v), stored.record());
        assertEquals(v, DocumentCodec.vector(legacy, 42));
        assertEquals(ExactScore.of(v, v), DocumentCodec.score(legacy, 42, v));
    }
}
