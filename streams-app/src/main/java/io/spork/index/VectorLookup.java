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
}
