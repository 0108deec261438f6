package io.spork.index;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The ids of a sealed segment's documents in ordinal order: their UTF-8 bytes in one array and an
 * offset per document, so an id costs its length plus 4 bytes instead of a String object apiece
 * (~50 bytes for a 10-character id). A String is made only when asked for, e.g. for a hit.
 */
final class DocumentIds {
    private final byte[] bytes;
    /** Per document: where its id starts (length documents + 1). */
    private final int[] offsets;

    private DocumentIds(byte[] bytes, int[] offsets) {
        this.bytes = bytes;
        this.offsets = offsets;
    }

    /** The first {@code count} ids. */
    static DocumentIds of(String[] ids, int count) {
        byte[][] utf8 = new byte[count][];
        int total = 0;
        for (int d = 0; d < count; d++) {
            utf8[d] = ids[d].getBytes(StandardCharsets.UTF_8);
            total += utf8[d].length;
        }
        Builder builder = new Builder(count, total);
        for (byte[] id : utf8) {
            builder.add(id, 0, id.length);
        }
        return builder.build();
    }

    static DocumentIds of(String... ids) {
        return of(ids, ids.length);
    }

    int size() {
        return offsets.length - 1;
    }

    String get(int ordinal) {
        return new String(bytes, offsets[ordinal], offsets[ordinal + 1] - offsets[ordinal], StandardCharsets.UTF_8);
    }

    /** The id's UTF-8 bytes (a copy). */
    byte[] utf8(int ordinal) {
        return Arrays.copyOfRange(bytes, offsets[ordinal], offsets[ordinal + 1]);
    }

    /** Whether the id of this ordinal is exactly these UTF-8 bytes. */
    boolean matches(int ordinal, byte[] utf8) {
        return Arrays.equals(bytes, offsets[ordinal], offsets[ordinal + 1], utf8, 0, utf8.length);
    }

    /** {@link #hash(byte[], int, int)} of the id of this ordinal, without copying it. */
    int hash(int ordinal) {
        return hash(bytes, offsets[ordinal], offsets[ordinal + 1]);
    }

    /** The hash {@link DocumentLocations} files an id under: of its UTF-8 bytes, well mixed. */
    static int hash(byte[] utf8, int from, int to) {
        int h = 0x9E3779B9;
        for (int i = from; i < to; i++) {
            h = (h ^ utf8[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return h;
    }

    /** Heap bytes of the two arrays (with their headers). */
    long memoryBytes() {
        return 32L + bytes.length + 4L * offsets.length;
    }

    /** Appends ids in ordinal order (the byte array grows when the estimate was short and is trimmed at the end). */
    static final class Builder {
        private byte[] bytes;
        private final int[] offsets;
        private int count;
        private int at;

        Builder(int documents, int estimatedBytes) {
            bytes = new byte[Math.max(16, estimatedBytes)];
            offsets = new int[documents + 1];
        }

        void add(byte[] source, int from, int length) {
            if (at + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(at + length, 2 * bytes.length));
            }
            System.arraycopy(source, from, bytes, at, length);
            at += length;
            offsets[++count] = at;
        }

        DocumentIds build() {
            if (count != offsets.length - 1) {
                throw new IllegalStateException("ids for " + (offsets.length - 1) + " documents, given " + count);
            }
            return new DocumentIds(at == bytes.length ? bytes : Arrays.copyOf(bytes, at), offsets);
        }
    }
}
