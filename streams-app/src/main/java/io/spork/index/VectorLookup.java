package io.spork.index;

import io.spork.schema.SparseVector;

/**
 * Where exact rescoring and merges read a document's float vector: the stored document
 * ({@link DocumentStore}) in a task, a map in a standalone index.
 */
@FunctionalInterface
public interface VectorLookup {
    /** The vector of this version of the document, or null when the document now holds another version or none. */
    SparseVector vector(String id, long sequence);

    /**
     * The exact score ({@link ExactScore}) of this version of the document for a query, or NaN when the
     * document now holds another version or none. A stored form may compute it without decoding the whole vector.
     */
    default float score(String id, long sequence, SparseVector query) {
        SparseVector v = vector(id, sequence);
        return v == null ? Float.NaN : ExactScore.of(query, v);
    }
}
