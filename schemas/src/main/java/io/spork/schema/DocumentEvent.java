package io.spork.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * One event of the documents topic (see {@code schemas/document-event.schema.json}).
 *
 * @param id     document id, never blank
 * @param op     what to do with the document
 * @param title  optional title, encoded with the text
 * @param text   optional body text
 * @param fields stored fields, never null (empty when the event had none)
 * @param version optional producer-side version; when events carry one, an event not newer than
 *                the last applied version of its document is refused (out-of-order delivery)
 */
public record DocumentEvent(String id, Op op, String title, String text, Map<String, String> fields, Long version) {

    /** What an event does to its document. */
    public enum Op {
        UPSERT, DELETE;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public DocumentEvent {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a document event needs a non-blank id");
        }
        op = op == null ? Op.UPSERT : op;
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        if (version != null && version < 0) {
            throw new IllegalArgumentException("version must be >= 0, got " + version);
        }
    }

    public static DocumentEvent upsert(String id, String title, String text, Map<String, String> fields) {
        return new DocumentEvent(id, Op.UPSERT, title, text, fields, null);
    }

    public static DocumentEvent delete(String id) {
        return new DocumentEvent(id, Op.DELETE, null, null, Map.of(), null);
    }

    public DocumentEvent withVersion(Long newVersion) {
        return new DocumentEvent(id, op, title, text, fields, newVersion);
    }

    public boolean isDelete() {
        return op == Op.DELETE;
    }

    /** The text the model encodes: title and text joined by one space, as BEIR does. */
    public String encodableText() {
        String t = title == null ? "" : title.strip();
        String b = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return b;
        }
        return b.isEmpty() ? t : t + " " + b;
    }

    /**
     * SHA-256 over everything the index keeps of this document, so an event whose hash did not
     * change needs neither encoding nor indexing again.
     */
    public String contentHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, title);
            update(digest, text);
            for (Map.Entry<String, String> field : new TreeMap<>(fields).entrySet()) {
                update(digest, field.getKey());
                update(digest, field.getValue());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static void update(MessageDigest digest, String value) {
        if (value == null) {
            digest.update((byte) 0);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        // Length prefix keeps ("ab","c") and ("a","bc") apart.
        digest.update(new byte[] {1, (byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }
}
