package io.spork.lexical;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The analysed form of each document of one partition (RocksDB, changelogged): id to its length
 * and its terms with their frequencies. It says exactly which lexical postings an update or a
 * delete removes (the analyser never runs twice on the same text), and it holds the lengths BM25
 * needs when the index is rebuilt. Value: length, term count, then (term, frequency) pairs.
 */
public final class LexicalDocumentStore {
    public static final String NAME = "spork-lexical-documents";

    private final KeyValueStore<String, byte[]> store;

    public LexicalDocumentStore(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    public AnalyzedText get(String id) {
        byte[] bytes = store.get(id);
        return bytes == null ? null : decode(id, bytes);
    }

    public void put(String id, AnalyzedText text) {
        store.put(id, encode(text));
    }

    public void delete(String id) {
        store.delete(id);
    }

    /** Visits every stored document in id order. */
    public void forEach(BiConsumer<String, AnalyzedText> visitor) {
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                visitor.accept(kv.key, decode(kv.key, kv.value));
            }
        }
    }

    static byte[] encode(AnalyzedText text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 12 * text.frequencies().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(text.length());
            out.writeInt(text.frequencies().size());
            for (Map.Entry<String, Integer> e : text.frequencies().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    static AnalyzedText decode(String id, byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int length = in.readInt();
            int terms = in.readInt();
            Map<String, Integer> frequencies = new TreeMap<>();
            for (int i = 0; i < terms; i++) {
                frequencies.put(in.readUTF(), in.readInt());
            }
            return new AnalyzedText(frequencies, length);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("unreadable lexical entry of document " + id + ": " + e.getMessage(), e);
        }
    }
}
