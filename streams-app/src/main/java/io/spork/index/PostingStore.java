package io.spork.index;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The posting lists of one partition in RocksDB (changelogged): one entry per (term, document),
 * key = term id (4 bytes, big-endian) + document id (UTF-8), value = weight (4-byte float).
 *
 * <p>A posting list is never one value per term: Kafka refuses records over about 1 MB and hot
 * terms would turn every write into a read-modify-write of a huge list. Keyed this way, a term's
 * postings are one contiguous, ordered RocksDB range, and every write touches one small entry.
 */
public final class PostingStore {
    public static final String NAME = "spork-postings";
    private static final int TERM_BYTES = Integer.BYTES;

    private final KeyValueStore<Bytes, byte[]> store;

    /** One posting as read back from the store. */
    public record Posting(int term, String documentId, float weight) {
    }

    public PostingStore(KeyValueStore<Bytes, byte[]> store) {
        this.store = store;
    }

    public void put(int term, String documentId, float weight) {
        store.put(key(term, documentId), ByteBuffer.allocate(Float.BYTES).putFloat(weight).array());
    }

    public void delete(int term, String documentId) {
        store.delete(key(term, documentId));
    }

    /** Visits every posting in term order. */
    public void forEach(java.util.function.Consumer<Posting> visitor) {
        try (KeyValueIterator<Bytes, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ByteBuffer key = ByteBuffer.wrap(kv.key.get());
                int term = key.getInt();
                String id = new String(kv.key.get(), TERM_BYTES, kv.key.get().length - TERM_BYTES, StandardCharsets.UTF_8);
                visitor.accept(new Posting(term, id, ByteBuffer.wrap(kv.value).getFloat()));
            }
        }
    }

    static Bytes key(int term, String documentId) {
        byte[] id = documentId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(TERM_BYTES + id.length).putInt(term).put(id).array());
    }
}
