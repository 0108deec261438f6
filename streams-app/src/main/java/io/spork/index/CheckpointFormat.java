package io.spork.index;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The layout of a partition's liveness checkpoint, the document store's side records
 * ({@link io.spork.state.SideRecords}): what a restart needs to tell live from dead without reading
 * every stored document. Keys, one byte of kind and a big-endian int:
 * <ul>
 *   <li>{@code h}: the header: format, the next sequence number and segment number, the sealed
 *       segments' numbers in the index's order, the growing segment's size;</li>
 *   <li>{@code d} + segment number: that sealed segment's dead ordinals (absent: none dead);</li>
 *   <li>{@code g} + chunk: the growing segment's entries {@code chunk * CHUNK ..}, id and sequence
 *       number each (the documents a restart adds again);</li>
 *   <li>{@code G}: the growing segment's dead ordinals (absent: none dead).</li>
 * </ul>
 * Numbers are unsigned varints, ordinal lists count then gaps. A header of another format makes a
 * restart read every stored document instead (and the next commit rewrites the checkpoint).
 */
final class CheckpointFormat {
    static final byte FORMAT = 1;
    /** Growing-segment entries per record: a commit rewrites only the last, partly filled ones. */
    static final int CHUNK = 512;
    static final byte HEADER = 'h';
    static final byte DEAD = 'd';
    static final byte GROWING = 'g';
    static final byte GROWING_DEAD = 'G';

    private CheckpointFormat() {
    }

    static byte[] key(byte kind) {
        return new byte[] {kind};
    }

    static byte[] key(byte kind, int number) {
        return ByteBuffer.allocate(5).put(kind).putInt(number).array();
    }

    static int number(byte[] key) {
        return ByteBuffer.wrap(key, 1, 4).getInt();
    }

    static byte[] ordinals(int[] ordinals) {
        Out out = new Out();
        out.varLong(ordinals.length);
        int previous = 0;
        for (int o : ordinals) {
            out.varLong(o - previous);
            previous = o;
        }
        return out.bytes();
    }

    static int[] ordinals(byte[] bytes) {
        In in = new In(bytes);
        int[] ordinals = new int[(int) in.varLong()];
        int previous = 0;
        for (int i = 0; i < ordinals.length; i++) {
            previous += (int) in.varLong();
            ordinals[i] = previous;
        }
        in.end();
        return ordinals;
    }

    /** Writes unsigned varints and strings. */
    static final class Out {
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);

        void varLong(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("negative number in a checkpoint: " + v);
            }
            while ((v & ~0x7FL) != 0) {
                buffer.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            buffer.write((int) v);
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varLong(utf8.length);
            buffer.write(utf8, 0, utf8.length);
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }
    }

    /** Reads what {@link Out} wrote; a malformed record throws {@link IllegalArgumentException}. */
    static final class In {
        private final ByteBuffer buffer;

        In(byte[] bytes) {
            buffer = ByteBuffer.wrap(bytes);
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (!buffer.hasRemaining()) {
                    throw new IllegalArgumentException("truncated checkpoint record");
                }
                byte b = buffer.get();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("overlong varint in a checkpoint record");
        }

        int varInt() {
            long v = varLong();
            if (v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("number out of range in a checkpoint record: " + v);
            }
            return (int) v;
        }

        String string() {
            int length = varInt();
            if (length > buffer.remaining()) {
                throw new IllegalArgumentException("truncated string in a checkpoint record");
            }
            String s = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return s;
        }

        boolean atEnd() {
            return !buffer.hasRemaining();
        }

        void end() {
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException(buffer.remaining() + " bytes left over in a checkpoint record");
            }
        }
    }
}
