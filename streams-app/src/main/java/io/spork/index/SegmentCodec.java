package io.spork.index;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;

/**
 * A sealed segment as posting-store records. Key = segment number, slot, part (three big-endian
 * ints): slot 0 holds the segment's document table, slot t + 1 the blocks of term t (their last
 * ordinals, largest codes and packed data). Records are packed up to {@link #RECORD_BYTES}: a
 * record starts with the piece of the slot in its key and may carry the following small terms;
 * a term larger than a record is split over parts 0, 1, ... So a segment of N documents is
 * about N * 2.5 bytes per posting / 4 KiB records, far below one per document, no value nears
 * Kafka's record limit, and a segment reads back with one sequential scan.
 */
final class SegmentCodec {
    static final int RECORD_BYTES = 4096;
    static final int KEY_BYTES = 12;

    private SegmentCodec() {
    }

    static Bytes key(int segment, int slot, int part) {
        return Bytes.wrap(ByteBuffer.allocate(KEY_BYTES).putInt(segment).putInt(slot).putInt(part).array());
    }

    static int segmentOf(Bytes key) {
        return ByteBuffer.wrap(key.get()).getInt();
    }

    static List<KeyValue<Bytes, byte[]>> encode(SealedSegment s) {
        List<KeyValue<Bytes, byte[]>> records = new ArrayList<>();
        Packer packer = new Packer(s.number, records);
        packer.piece(0, header(s));
        for (int t = 0; t < s.terms.length; t++) {
            packer.piece(s.terms[t] + 1, term(s, t));
        }
        packer.flush();
        return records;
    }

    private static byte[] header(SealedSegment s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * s.size() + 32);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(s.number);
            out.writeInt(s.size());
            out.writeInt(s.terms.length);
            out.writeInt(s.blockLast.length);
            out.writeInt(s.data.length);
            for (int d = 0; d < s.size(); d++) {
                byte[] id = s.ids.utf8(d);
                out.writeShort(id.length);
                out.write(id);
                out.writeLong(s.sequences[d]);
                out.writeShort(s.termCounts[d]);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] term(SealedSegment s, int t) {
        try {
            int first = s.termFirstBlock[t];
            int last = s.termFirstBlock[t + 1];
            int from = s.blockOffset[first];
            int to = s.blockOffset[last];
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 + 9 * (last - first) + to - from);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(s.terms[t]);
            out.writeInt(s.termPostings[t]);
            out.writeFloat(s.termScale[t]);
            out.writeInt(last - first);
            out.writeInt(to - from);
            for (int b = first; b < last; b++) {
                out.writeInt(s.blockLast[b]);
                out.writeByte(s.blockMaxCode[b]);
                out.writeShort(s.blockOffset[b + 1] - s.blockOffset[b]);
            }
            out.write(s.data, from, to - from);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A segment from the concatenated values of its records, in key order. */
    static SealedSegment decode(byte[] bytes) {
        // A plain big-endian buffer, the layout DataOutputStream wrote (a restart decodes every segment).
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int number = in.getInt();
            int size = in.getInt();
            int termCount = in.getInt();
            int blockCount = in.getInt();
            int dataLength = in.getInt();
            DocumentIds.Builder ids = new DocumentIds.Builder(size, 12 * size);
            long[] sequences = new long[size];
            int[] termCounts = new int[size];
            for (int d = 0; d < size; d++) {
                int length = in.getShort() & 0xFFFF;
                ids.add(bytes, in.position(), length);
                in.position(in.position() + length);
                sequences[d] = in.getLong();
                termCounts[d] = in.getShort() & 0xFFFF;
            }
            int[] terms = new int[termCount];
            int[] termFirstBlock = new int[termCount + 1];
            int[] termPostings = new int[termCount];
            float[] termScale = new float[termCount];
            int[] blockLast = new int[blockCount];
            int[] blockOffset = new int[blockCount + 1];
            byte[] blockMaxCode = new byte[blockCount];
            byte[] data = new byte[dataLength];
            int b = 0;
            int at = 0;
            for (int t = 0; t < termCount; t++) {
                terms[t] = in.getInt();
                termPostings[t] = in.getInt();
                termScale[t] = in.getFloat();
                int blocks = in.getInt();
                int length = in.getInt();
                termFirstBlock[t] = b;
                for (int i = 0; i < blocks; i++, b++) {
                    blockLast[b] = in.getInt();
                    blockMaxCode[b] = in.get();
                    blockOffset[b] = at;
                    at += in.getShort() & 0xFFFF;
                }
                in.get(data, blockOffset[termFirstBlock[t]], length);
            }
            termFirstBlock[termCount] = b;
            blockOffset[blockCount] = at;
            return new SealedSegment(number, ids.build(), sequences, termCounts, terms, termFirstBlock, termPostings, termScale,
                    blockLast, blockOffset, blockMaxCode, data);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new UncheckedIOException("unreadable segment: truncated", new IOException(e));
        }
    }

    /** Packs pieces into records of at most RECORD_BYTES. */
    private static final class Packer {
        private final int segment;
        private final List<KeyValue<Bytes, byte[]>> records;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream(RECORD_BYTES);
        private Bytes currentKey;

        Packer(int segment, List<KeyValue<Bytes, byte[]>> records) {
            this.segment = segment;
            this.records = records;
        }

        void piece(int slot, byte[] bytes) {
            if (current.size() > 0 && current.size() + bytes.length > RECORD_BYTES) {
                flush();
            }
            int part = 0;
            int from = 0;
            while (from < bytes.length) {
                if (current.size() == 0) {
                    currentKey = key(segment, slot, part++);
                }
                int n = Math.min(bytes.length - from, RECORD_BYTES - current.size());
                current.write(bytes, from, n);
                from += n;
                if (current.size() == RECORD_BYTES) {
                    flush();
                }
            }
        }

        void flush() {
            if (current.size() > 0) {
                records.add(KeyValue.pair(currentKey, current.toByteArray()));
                current.reset();
            }
        }
    }
}
