package io.spork.index;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.spork.schema.JsonSerde;
import io.spork.schema.VectorRecord;
import java.util.function.Consumer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stored documents of one partition (RocksDB, changelogged): one entry per document, id to the
 * last {@link VectorRecord} with its fields and its vector in the compact binary form of
 * {@link DocumentCodec}, and the sequence number of the version the index holds. The stored floats
 * are what exact rescoring and merges read; the sequence number says, at task start, which
 * segment entry of a document is its live one.
 */
public final class DocumentStore implements VectorLookup {
    public static final String NAME = "spork-documents";

    private final KeyValueStore<String, byte[]> store;

    public DocumentStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** The store's side records, where the index keeps its liveness checkpoint ({@link LiveCheckpoint}). */
    public io.spork.state.SideRecords side() {
        return io.spork.state.CommittedKeyValueStore.sideOf(store);
    }

    public VectorRecord get(String id) {
        return decode(store.get(id));
    }

    /** The stored vector of this version of a document, or null when another version (or none) is stored. */
    @Override
    public io.spork.schema.SparseVector vector(String id, long sequence) {
        byte[] bytes = store.get(id);
        return bytes == null ? null : DocumentCodec.vector(bytes, sequence);
    }

    /** The exact score of this version of a stored document, read from its stored bytes; NaN when another version (or none) is stored. */
    @Override
    public float score(String id, long sequence, io.spork.schema.SparseVector query) {
        byte[] bytes = store.get(id);
        return bytes == null ? Float.NaN : DocumentCodec.score(bytes, sequence, query);
    }

    /** The stored document with its sequence number, or null. */
    public DocumentCodec.Stored entry(String id) {
        return DocumentCodec.decode(store.get(id));
    }

    /** Title and text of a stored document, read without parsing its vector (for dressing hits). */
    public record Summary(String title, String text) {
    }

    /** The stored document's title and text, or null when there is none; skips the vector while parsing. */
    public Summary summary(String id) {
        return summaryOf(id, store.get(id));
    }

    /** Title and text from a stored value (null for null), skipping the vector while parsing. */
    public static Summary summaryOf(String id, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] != '{') {
            return DocumentCodec.summary(bytes);
        }
        String title = null;
        String text = null;
        try (JsonParser parser = JsonSerde.MAPPER.getFactory().createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Summary(null, null);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("title".equals(field)) {
                    title = value == JsonToken.VALUE_NULL ? null : parser.getText();
                } else if ("text".equals(field)) {
                    text = value == JsonToken.VALUE_NULL ? null : parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (java.io.IOException e) {
            throw new org.apache.kafka.common.errors.SerializationException("unreadable stored document " + id + ": " + e.getMessage(), e);
        }
        return new Summary(title, text);
    }

    public void put(VectorRecord record, long sequence) {
        store.put(record.id(), DocumentCodec.encode(sequence, record));
    }

    public void delete(String id) {
        store.delete(id);
    }

    /** Visits every stored id (no values are parsed). */
    public void forEachId(Consumer<String> visitor) {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                visitor.accept(it.next().key);
            }
        }
    }

    /** Visits every stored id with its sequence number (the vectors are not decoded). */
    public void forEachSequence(java.util.function.ObjLongConsumer<String> visitor) {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                visitor.accept(kv.key, DocumentCodec.sequence(kv.value));
            }
        }
    }

    /** Visits every stored document. */
    public void forEach(Consumer<VectorRecord> visitor) {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                visitor.accept(decode(kv.value));
            }
        }
    }

    /** A stored value: binary, or a vectors-topic record (JSON) stored before the binary form. */
    public static VectorRecord decode(byte[] bytes) {
        DocumentCodec.Stored stored = DocumentCodec.decode(bytes);
        return stored == null ? null : stored.record();
    }
}
