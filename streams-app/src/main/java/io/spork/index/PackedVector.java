package io.spork.index;

import io.spork.schema.SparseVector;

/**
 * A stored document's vector in few bytes, losslessly: the term ids as Rice-coded gaps (one Rice
 * parameter per vector, the cheapest for its gaps), the weights as their raw float bits less what
 * all weights of the vector share: the sign (a {@link SparseVector}'s weights are positive) and the
 * high part of the exponent (the smallest exponent is stored once and each weight keeps only its
 * offset from it). Every weight has the same width, so a scorer reads the weight at position d
 * without decoding the others.
 *
 * <p>Layout: varint n; when n > 0: Rice parameter (1 byte), the n gaps (id minus previous id minus
 * one, the first from -1) as unary quotient + remainder bits, padded to a byte; the smallest biased
 * exponent (1 byte), the exponent offset width in bits (1 byte); the n weights as [exponent
 * offset][23-bit mantissa], padded to a byte.
 */
final class PackedVector {
    private static final int MANTISSA_BITS = 23;
    private static final int MAX_RICE = 31;

    private PackedVector() {
    }

    /** The packed form of a vector. */
    static byte[] pack(SparseVector v) {
        int n = v.size();
        if (n == 0) {
            return new byte[] {0};
        }
        long bestCost = Long.MAX_VALUE;
        int k = 0;
        int low = Math.min(MAX_RICE, Math.max(0, 61 - Long.numberOfLeadingZeros(Math.max(1, (v.idAt(n - 1) + 1L) / n))));
        for (int candidate = low; candidate <= Math.min(MAX_RICE, low + 4); candidate++) {
            long cost = riceBits(v, candidate);
            if (cost < bestCost) {
                bestCost = cost;
                k = candidate;
            }
        }
        BitWriter bits = new BitWriter(5 + 1 + (int) ((bestCost + 7) / 8) + 2 + (n * 31 + 7) / 8);
        bits.varInt(n);
        bits.writeByte(k);
        int previous = -1;
        for (int i = 0; i < n; i++) {
            int gap = v.idAt(i) - previous - 1;
            previous = v.idAt(i);
            bits.unary(gap >>> k);
            bits.write(gap & ((1 << k) - 1), k);
        }
        bits.flush();
        int minExponent = 0xFF;
        int maxExponent = 0;
        for (int i = 0; i < n; i++) {
            int exponent = (Float.floatToRawIntBits(v.weightAt(i)) >>> MANTISSA_BITS) & 0xFF;
            minExponent = Math.min(minExponent, exponent);
            maxExponent = Math.max(maxExponent, exponent);
        }
        int exponentBits = 32 - Integer.numberOfLeadingZeros(maxExponent - minExponent);
        bits.writeByte(minExponent);
        bits.writeByte(exponentBits);
        for (int i = 0; i < n; i++) {
            int raw = Float.floatToRawIntBits(v.weightAt(i));
            bits.write(((raw >>> MANTISSA_BITS) & 0xFF) - minExponent, exponentBits);
            bits.write(raw & ((1 << MANTISSA_BITS) - 1), MANTISSA_BITS);
        }
        bits.flush();
        return bits.bytes();
    }

    /**
     * Bits of the Rice-coded gaps with parameter k. The cost is convex in k and least near
     * log2 of the mean gap, so the writer tries a few parameters from just below it.
     */
    private static long riceBits(SparseVector v, int k) {
        long cost = 0;
        int previous = -1;
        for (int i = 0; i < v.size(); i++) {
            cost += ((long) (v.idAt(i) - previous - 1) >>> k) + 1 + k;
            previous = v.idAt(i);
        }
        return cost;
    }

    /** Reads a vector written by {@link #write} from {@code bytes} at {@code offset}. */
    static SparseVector read(byte[] bytes, int offset, int limit) {
        Cursor c = new Cursor(bytes, offset, limit);
        int n = c.varInt();
        if (n == 0) {
            return SparseVector.empty();
        }
        int[] ids = new int[n];
        Weights weights = c.idsThenWeights(ids);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = weights.at(i);
        }
        return new SparseVector(ids, values);
    }

    /**
     * The dot product with a query, reading only the weights of the query's terms, summed in query
     * order as {@link ExactScore} sums it, so equal to it bit for bit.
     */
    static float score(byte[] bytes, int offset, int limit, SparseVector query) {
        Cursor c = new Cursor(bytes, offset, limit);
        int n = c.varInt();
        if (n == 0 || query.size() == 0) {
            return 0f;
        }
        int[] matchedQuery = new int[Math.min(n, query.size())];
        int[] matchedDocument = new int[matchedQuery.length];
        int matches = 0;
        BitReader gaps = new BitReader(bytes, c.position + 1, limit);
        int k = bytes[c.position];
        int term = -1;
        int i = 0;
        for (int d = 0; d < n; d++) {
            term += (gaps.unary() << k | gaps.read(k)) + 1;
            while (i < query.size() && query.idAt(i) < term) {
                i++;
            }
            if (i < query.size() && query.idAt(i) == term) {
                matchedQuery[matches] = i;
                matchedDocument[matches++] = d;
            }
        }
        Weights weights = new Weights(bytes, gaps.bytePosition(), limit);
        float score = 0f;
        for (int m = 0; m < matches; m++) {
            score += query.weightAt(matchedQuery[m]) * weights.at(matchedDocument[m]);
        }
        return score;
    }

    /** A byte position in an encoded vector. */
    private static final class Cursor {
        final byte[] bytes;
        final int limit;
        int position;

        Cursor(byte[] bytes, int position, int limit) {
            this.bytes = bytes;
            this.position = position;
            this.limit = limit;
        }

        int varInt() {
            int v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[position++];
                v |= (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }

        Weights idsThenWeights(int[] ids) {
            int k = bytes[position];
            BitReader gaps = new BitReader(bytes, position + 1, limit);
            int term = -1;
            for (int d = 0; d < ids.length; d++) {
                term += (gaps.unary() << k | gaps.read(k)) + 1;
                ids[d] = term;
            }
            return new Weights(bytes, gaps.bytePosition(), limit);
        }
    }

    /** The fixed-width weights section: the weight at any position, read directly. */
    private static final class Weights {
        private final byte[] bytes;
        private final int base;
        private final int limit;
        private final int minExponent;
        private final int exponentBits;
        private final int width;

        Weights(byte[] bytes, int position, int limit) {
            this.bytes = bytes;
            this.minExponent = bytes[position] & 0xFF;
            this.exponentBits = bytes[position + 1];
            this.base = position + 2;
            this.limit = limit;
            this.width = exponentBits + MANTISSA_BITS;
        }

        float at(int d) {
            long bit = (long) d * width;
            int at = base + (int) (bit >>> 3);
            int shift = (int) (bit & 7);
            long window = 0;
            for (int j = 0; j < 5; j++) {
                window = window << 8 | (at + j < limit ? bytes[at + j] & 0xFF : 0);
            }
            long field = (window >>> (40 - shift - width)) & ((1L << width) - 1);
            int mantissa = (int) (field & ((1 << MANTISSA_BITS) - 1));
            int exponent = (int) ((field >>> MANTISSA_BITS) & ((1 << exponentBits) - 1)) + minExponent;
            return Float.intBitsToFloat(exponent << MANTISSA_BITS | mantissa);
        }
    }

    /** Writes bit fields most significant bit first into an array sized for them. */
    private static final class BitWriter {
        private final byte[] out;
        private int size;
        private long pending;
        private int count;

        BitWriter(int capacity) {
            this.out = new byte[capacity];
        }

        void writeByte(int b) {
            out[size++] = (byte) b;
        }

        void varInt(int v) {
            while ((v & ~0x7F) != 0) {
                writeByte((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            writeByte(v);
        }

        void write(int value, int width) {
            if (width == 0) {
                return;
            }
            pending = pending << width | (value & ((1L << width) - 1));
            count += width;
            while (count >= 8) {
                count -= 8;
                out[size++] = (byte) (pending >>> count);
            }
        }

        void unary(int ones) {
            for (; ones >= 24; ones -= 24) {
                write(0xFFFFFF, 24);
            }
            write((1 << (ones + 1)) - 2, ones + 1);
        }

        void flush() {
            if (count > 0) {
                out[size++] = (byte) (pending << (8 - count));
            }
            pending = 0;
            count = 0;
        }

        byte[] bytes() {
            return size == out.length ? out : java.util.Arrays.copyOf(out, size);
        }
    }

    /** Reads bit fields most significant bit first through a 64-bit window. */
    private static final class BitReader {
        private final byte[] bytes;
        private final int limit;
        private int next;
        private long window;
        private int available;

        BitReader(byte[] bytes, int position, int limit) {
            this.bytes = bytes;
            this.next = position;
            this.limit = limit;
        }

        private void refill() {
            while (available <= 56 && next < limit) {
                window |= (bytes[next++] & 0xFFL) << (56 - available);
                available += 8;
            }
        }

        int read(int width) {
            if (width == 0) {
                return 0;
            }
            refill();
            int v = (int) (window >>> (64 - width));
            window <<= width;
            available -= width;
            return v;
        }

        int unary() {
            int ones = 0;
            while (true) {
                refill();
                int leading = Long.numberOfLeadingZeros(~window);
                if (leading < available) {
                    // A shift by 64 would leave the window as it is (Java masks the count).
                    window = leading == 63 ? 0 : window << (leading + 1);
                    available -= leading + 1;
                    return ones + leading;
                }
                if (available == 0) {
                    throw new IllegalStateException("truncated vector");
                }
                ones += available;
                window = 0;
                available = 0;
            }
        }

        /** The first byte not yet read, after the bits of a partly read byte. */
        int bytePosition() {
            return next - available / 8;
        }
    }
}
