package io.spork.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SparseVectorTest {
    @Test
    void dotProductOverSharedTerms() {
        SparseVector a = new SparseVector(new int[] {1, 5, 9}, new float[] {1f, 2f, 3f});
        SparseVector b = new SparseVector(new int[] {5, 9, 12}, new float[] {4f, 0.5f, 7f});
        assertEquals(2 * 4 + 3 * 0.5, a.dot(b), 1e-9);
        assertEquals(a.dot(b), b.dot(a), 1e-9);
        assertEquals(0.0, a.dot(SparseVector.empty()));
    }

    @Test
    void fromDenseKeepsPositiveEntries() {
        SparseVector v = SparseVector.fromDense(new float[] {0f, 1.5f, 0f, 0.25f});
        assertEquals(new SparseVector(new int[] {1, 3}, new float[] {1.5f, 0.25f}), v);
        assertEquals(0.25f, v.weightOf(3));
        assertEquals(0f, v.weightOf(2));
    }

    @Test
    void refusesMalformedVectors() {
        assertThrows(IllegalArgumentException.class, () -> new SparseVector(new int[] {2, 1}, new float[] {1f, 1f}));
        assertThrows(IllegalArgumentException.class, () -> new SparseVector(new int[] {1}, new float[] {0f}));
        assertThrows(IllegalArgumentException.class, () -> new SparseVector(new int[] {1}, new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> new SparseVector(new int[] {1, 2}, new float[] {1f}));
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        SparseVector v = new SparseVector(new int[] {3, 7}, new float[] {0.5f, 2f});
        byte[] json = JsonSerde.MAPPER.writeValueAsBytes(v);
        assertEquals(v, JsonSerde.MAPPER.readValue(json, SparseVector.class));
    }
}
