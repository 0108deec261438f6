package io.spork.lexical;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The lexical postings of one partition in RocksDB (changelogged), beside the SPLADE ones and
 * keyed the same way: one small entry per (term, document), key = term length (2 bytes) + term
 * (UTF-8) + document id (UTF-8), value = term frequency (4 bytes). A term's postings are one
 * contiguous range; no write touches more than one entry.
 */
public final class LexicalPostingStore {
    public static final String NAME = "spork-lexical-postings";

    private final KeyValueStore<Bytes, byte[]> store;

    /** One posting as read back from the store. */
    public record Posting(String term, String documentId, int frequency) {
    }

    public LexicalPostingStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    public void put(String term, String documentId, int frequency) {
        store.put(key(term, documentId), ByteBuffer.allocate(Integer.BYTES).putInt(frequency).array());
    }

    public void delete(String term, String documentId) {
        store.delete(key(term, documentId));
    }

    /** Visits every posting, grouped by term. */
    public void forEach(java.util.function.Consumer<Posting> visitor) {
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ByteBuffer key = ByteBuffer.wrap(kv.key.get());
                int termBytes = Short.toUnsignedInt(key.getShort());
                byte[] raw = kv.key.get();
                String term = new String(raw, Short.BYTES, termBytes, StandardCharsets.UTF_8);
                String id = new String(raw, Short.BYTES + termBytes, raw.length - Short.BYTES - termBytes, StandardCharsets.UTF_8);
                visitor.accept(new Posting(term, id, ByteBuffer.wrap(kv.value).getInt()));
            }
        }
    }

    static Bytes key(String term, String documentId) {
        byte[] t = term.getBytes(StandardCharsets.UTF_8);
        byte[] id = documentId.getBytes(StandardCharsets.UTF_8);
        if (t.length > 0xFFFF) {
            throw new IllegalArgumentException("a term of " + t.length + " bytes cannot be indexed");
        }
        return Bytes.wrap(ByteBuffer.allocate(Short.BYTES + t.length + id.length).putShort((short) t.length).put(t).put(id).array());
    }
}
