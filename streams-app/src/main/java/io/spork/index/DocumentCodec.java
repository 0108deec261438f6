package io.spork.index;

import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.schema.VectorRecordSerde;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The compact binary form of a stored document: its sequence number (which version of the
 * document the index holds), its fields and its vector ({@link PackedVector}: Rice-coded term-id
 * gaps, weights without the bits they all share). Layout: format byte, varlong sequence, long event
 * time, then the strings (varint length + UTF-8, length 0 = null, else length + 1), the fields, the
 * vector.
 *
 * <p>Older values still decode: format 1 (the same, with the vector as varint id deltas and 4-byte
 * floats) and vectors-topic records ({@link VectorRecordSerde}, JSON: they start with '{'), the
 * latter with sequence -1.
 */
public final class DocumentCodec {
    static final byte FORMAT = 2;
    private static final byte FORMAT_FLOATS = 1;

    private DocumentCodec() {
    }

    /** A stored document and the sequence number of its version in the index. */
    public record Stored(long sequence, VectorRecord record) {
    }

    public static byte[] encode(long sequence, VectorRecord r) {
        Out out = new Out(256 + 6 * r.vector().size() + (r.text() == null ? 0 : r.text().length()));
        out.buffer.write(FORMAT);
        out.varLong(sequence + 1);
        out.fixedLong(r.eventTimeMs());
        out.string(r.id());
        out.string(r.title());
        out.string(r.text());
        out.string(r.contentHash());
        out.varLong(r.fields().size());
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(r.fields()).entrySet()) {
            out.string(e.getKey());
            out.string(e.getValue());
        }
        out.buffer.write(PackedVector.pack(r.vector()));
        return out.buffer.toByteArray();
    }

    public static Stored decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length > 0 && bytes[0] == '{') {
            return new Stored(-1, VectorRecordSerde.read(bytes));
        }
        try {
            In in = header(bytes);
            long sequence = in.sequence;
            long eventTime = in.buffer.getLong();
            String id = in.string();
            String title = in.string();
            String text = in.string();
            String hash = in.string();
            int fieldCount = (int) in.varLong();
            Map<String, String> fields = new LinkedHashMap<>();
            for (int i = 0; i < fieldCount; i++) {
                fields.put(in.string(), in.string());
            }
            return new Stored(sequence, new VectorRecord(id, title, text, fields, hash, eventTime, readVector(in)));
        } catch (RuntimeException e) {
            throw new SerializationException("unreadable stored document: " + e.getMessage(), e);
        }
    }

    /** The vector of a stored value when its sequence number is this one, else null (strings skipped, not decoded). */
    static SparseVector vector(byte[] bytes, long sequence) {
        if (bytes.length > 0 && bytes[0] == '{') {
            return sequence == -1 ? VectorRecordSerde.read(bytes).vector() : null;
        }
        In in = header(bytes);
        if (in.sequence != sequence) {
            return null;
        }
        skipToVector(in);
        return readVector(in);
    }

    /**
     * The exact score of a stored value for a query when its sequence number is this one, else NaN:
     * computed on the stored bytes, reading only the weights of the query's terms (no vector is
     * built), summed in query order as {@link ExactScore} sums it, so equal to it bit for bit.
     */
    static float score(byte[] bytes, long sequence, SparseVector query) {
        if (bytes.length > 0 && bytes[0] == '{') {
            SparseVector v = vector(bytes, sequence);
            return v == null ? Float.NaN : ExactScore.of(query, v);
        }
        In in = header(bytes);
        if (in.sequence != sequence) {
            return Float.NaN;
        }
        skipToVector(in);
        if (in.format == FORMAT_FLOATS) {
            return ExactScore.of(query, readFloatVector(in));
        }
        return PackedVector.score(in.buffer.array(), in.position(), in.limit(), query);
    }

    private static void skipToVector(In in) {
        in.buffer.getLong();
        for (int i = 0; i < 4; i++) {
            in.skipString();
        }
        int fieldCount = (int) in.varLong();
        for (int i = 0; i < 2 * fieldCount; i++) {
            in.skipString();
        }
    }

    private static SparseVector readVector(In in) {
        return in.format == FORMAT_FLOATS ? readFloatVector(in) : PackedVector.read(in.buffer.array(), in.position(), in.limit());
    }

    /** A format-1 vector: term-id deltas as varints, then the float weights. */
    private static SparseVector readFloatVector(In in) {
        int n = (int) in.varLong();
        int[] ids = new int[n];
        int previous = -1;
        for (int i = 0; i < n; i++) {
            previous += (int) in.varLong();
            ids[i] = previous;
        }
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            weights[i] = Float.intBitsToFloat(in.buffer.getInt());
        }
        return new SparseVector(ids, weights);
    }

    /** The sequence number alone (reads a few bytes), -1 for a JSON value. */
    public static long sequence(byte[] bytes) {
        return bytes.length > 0 && bytes[0] == '{' ? -1 : header(bytes).sequence;
    }

    /** Title and text without decoding the vector. */
    static DocumentStore.Summary summary(byte[] bytes) {
        In in = header(bytes);
        in.buffer.getLong();
        in.string();
        return new DocumentStore.Summary(in.string(), in.string());
    }

    private static In header(byte[] bytes) {
        if (bytes.length == 0 || (bytes[0] != FORMAT && bytes[0] != FORMAT_FLOATS)) {
            throw new SerializationException("stored document of unknown format " + (bytes.length == 0 ? "(empty)" : bytes[0]));
        }
        In in = new In(ByteBuffer.wrap(bytes, 1, bytes.length - 1), bytes[0]);
        in.sequence = in.varLong() - 1;
        return in;
    }

    private static final class Out {
        final GrowableBytes buffer;

        Out(int size) {
            buffer = new GrowableBytes(size);
        }

        void varLong(long v) {
            while ((v & ~0x7FL) != 0) {
                buffer.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            buffer.write((int) v);
        }

        void fixedLong(long v) {
            fixedInt((int) (v >>> 32));
            fixedInt((int) v);
        }

        void fixedInt(int v) {
            buffer.write(v >>> 24);
            buffer.write(v >>> 16);
            buffer.write(v >>> 8);
            buffer.write(v);
        }

        void string(String s) {
            if (s == null) {
                varLong(0);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varLong(b.length + 1L);
            buffer.write(b);
        }
    }

    private static final class In {
        final ByteBuffer buffer;
        final byte format;
        long sequence;

        In(ByteBuffer buffer, byte format) {
            this.buffer = buffer;
            this.format = format;
        }

        int position() {
            return buffer.arrayOffset() + buffer.position();
        }

        int limit() {
            return buffer.arrayOffset() + buffer.limit();
        }

        long varLong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = buffer.get();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        void skipString() {
            int length = (int) varLong();
            if (length > 0) {
                buffer.position(buffer.position() + length - 1);
            }
        }

        String string() {
            int length = (int) varLong();
            if (length == 0) {
                return null;
            }
            String s = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length - 1, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length - 1);
            return s;
        }
    }
}
