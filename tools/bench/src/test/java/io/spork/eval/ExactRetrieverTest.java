package io.spork.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.schema.SparseVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExactRetrieverTest {
    @Test
    void topKIsTheExactDotProductOrderWithTiesById() {
        SparseVector query = new SparseVector(new int[] {1, 2}, new float[] {1f, 2f});
        List<String> ids = List.of("d", "c", "b", "a", "e");
        List<SparseVector> docs = List.of(
                new SparseVector(new int[] {1}, new float[] {1f}),          // 1
                new SparseVector(new int[] {2}, new float[] {1f}),          // 2
                new SparseVector(new int[] {1, 2}, new float[] {2f, 1f}),   // 4
                new SparseVector(new int[] {2, 3}, new float[] {1f, 9f}),   // 2, ties with c
                new SparseVector(new int[] {3}, new float[] {5f}));         // 0: no shared term
        List<RankedHit> top = ExactRetriever.topK(query, ids, docs, 3);
        assertEquals(List.of("b", "a", "c"), top.stream().map(RankedHit::docId).toList());
        assertEquals(4f, top.get(0).score());
        assertEquals(4, ExactRetriever.topK(query, ids, docs, 10).size(), "a document sharing no term is no hit");
    }
}
