package io.spork.schema;

import java.util.Map;

/**
 * One record of the compacted vectors topic (see {@code schemas/vector-record.schema.json}):
 * an encoded document with what the index stores of it.
 */
public record VectorRecord(
        String id,
        String title,
        String text,
        Map<String, String> fields,
        String contentHash,
        long eventTimeMs,
        SparseVector vector) {

    public VectorRecord {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a vector record needs a non-blank id");
        }
        if (vector == null) {
            throw new IllegalArgumentException("vector record " + id + " has no vector");
        }
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    public static VectorRecord of(DocumentEvent event, long eventTimeMs, SparseVector vector) {
        return new VectorRecord(event.id(), event.title(), event.text(), event.fields(), event.contentHash(), eventTimeMs, vector);
    }
}
