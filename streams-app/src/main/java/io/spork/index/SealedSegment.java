package io.spork.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An immutable segment in its read form. Each term's postings are cut into blocks of
 * {@link #BLOCK} postings; a block holds its ordinals as deltas bit-packed at the block's width
 * and its weights as 8-bit codes, and the block's last ordinal, data offset and largest code are
 * kept beside it for pruning.
 *
 * <p>Weights are quantized per term with scale {@code s}: a weight w gets the code
 * {@code c = ceil(w / s)} in 1..255, so {@code (c - 1) * s < w <= c * s}. Codes give every
 * document a lower and an upper bound of its score; {@link SegmentScorer} keeps the top-k exact by
 * rescoring from the stored floats every candidate whose upper bound can still reach it.
 */
final class SealedSegment {
    static final int BLOCK = 128;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    final int number;
    final DocumentIds ids;
    final long[] sequences;
    final int[] termCounts;
    /** Term ids present, ascending. */
    final int[] terms;
    /** Per term: its first block (length terms + 1). */
    final int[] termFirstBlock;
    final int[] termPostings;
    final float[] termScale;
    /** Per block: last ordinal, offset of its data (length blocks + 1), largest code. */
    final int[] blockLast;
    final int[] blockOffset;
    final byte[] blockMaxCode;
    final byte[] data;
    final long postingCount;
    /** Per term: its largest code over the segment. */
    final int[] termMaxCode;

    SealedSegment(int number, DocumentIds ids, long[] sequences, int[] termCounts, int[] terms, int[] termFirstBlock,
                  int[] termPostings, float[] termScale, int[] blockLast, int[] blockOffset, byte[] blockMaxCode, byte[] data) {
        this.number = number;
        this.ids = ids;
        this.sequences = sequences;
        this.termCounts = termCounts;
        this.terms = terms;
        this.termFirstBlock = termFirstBlock;
        this.termPostings = termPostings;
        this.termScale = termScale;
        this.blockLast = blockLast;
        this.blockOffset = blockOffset;
        this.blockMaxCode = blockMaxCode;
        this.data = data;
        long n = 0;
        for (int p : termPostings) {
            n += p;
        }
        this.postingCount = n;
        this.termMaxCode = new int[terms.length];
        for (int t = 0; t < terms.length; t++) {
            for (int b = termFirstBlock[t]; b < termFirstBlock[t + 1]; b++) {
                termMaxCode[t] = Math.max(termMaxCode[t], blockMaxCode[b] & 0xFF);
            }
        }
    }

    int size() {
        return ids.size();
    }

    /** The id of the document at an ordinal. */
    String id(int ordinal) {
        return ids.get(ordinal);
    }

    /** Index of a term in {@link #terms}, or -1. */
    int termIndex(int term) {
        int at = Arrays.binarySearch(terms, term);
        return at >= 0 ? at : -1;
    }

    int blockSize(int termIndex, int block) {
        int last = termFirstBlock[termIndex + 1] - 1;
        return block < last ? BLOCK : termPostings[termIndex] - BLOCK * (last - termFirstBlock[termIndex]);
    }

    /** Decodes a block's ordinals and codes; returns how many postings it holds. */
    int decode(int termIndex, int block, int[] ordinals, int[] codes) {
        int count = blockSize(termIndex, block);
        int previous = block == termFirstBlock[termIndex] ? -1 : blockLast[block - 1];
        int at = blockOffset[block];
        int width = data[at++];
        if (width == 0) {
            for (int i = 0; i < count; i++) {
                previous += 1;
                ordinals[i] = previous;
            }
        } else {
            long buffer = 0;
            int bits = 0;
            int mask = (1 << width) - 1;
            for (int i = 0; i < count; i++) {
                while (bits < width) {
                    buffer |= (long) (data[at++] & 0xFF) << bits;
                    bits += 8;
                }
                previous += ((int) buffer & mask) + 1;
                buffer >>>= width;
                bits -= width;
                ordinals[i] = previous;
            }
        }
        for (int i = 0; i < count; i++) {
            codes[i] = data[at++] & 0xFF;
        }
        return count;
    }

    /**
     * Adds {@code weightOfCode[code]} (the term's {@code unit * code}, {@link #weightsOfCodes}) of
     * every posting of a block to {@code up[ordinal - base]}, decoding ordinals and codes in one
     * pass without writing them out: for a block that lies wholly in the window starting at
     * {@code base}, the scorer's hot loop.
     */
    void accumulate(int termIndex, int block, int base, float[] weightOfCode, float[] up) {
        int count = blockSize(termIndex, block);
        int previous = (block == termFirstBlock[termIndex] ? -1 : blockLast[block - 1]) - base;
        int at = blockOffset[block];
        int width = data[at++];
        byte[] bytes = data;
        if (width == 0) {
            int codes = at;
            for (int i = 0; i < count; i++) {
                up[++previous] += weightOfCode[bytes[codes + i] & 0xFF];
            }
            return;
        }
        int codes = at + (count * width + 7) / 8;
        long mask = (1L << width) - 1;
        if (codes + 8 <= bytes.length) {
            // Branch-free unpacking: each gap is read from the 8 bytes at its first bit (a gap is at
            // most 32 bits, so it lies within them); reads may run past the gaps into the codes.
            long bit = (long) at << 3;
            for (int i = 0; i < count; i++, bit += width) {
                long word = (long) LONGS.get(bytes, (int) (bit >>> 3));
                previous += (int) ((word >>> (bit & 7)) & mask) + 1;
                up[previous] += weightOfCode[bytes[codes + i] & 0xFF];
            }
            return;
        }
        long buffer = 0;
        int bits = 0;
        for (int i = 0; i < count; i++) {
            while (bits < width) {
                buffer |= (long) (bytes[at++] & 0xFF) << bits;
                bits += 8;
            }
            previous += (int) (buffer & mask) + 1;
            buffer >>>= width;
            bits -= width;
            up[previous] += weightOfCode[bytes[codes + i] & 0xFF];
        }
    }

    /**
     * For each pending document (window-relative ordinals pending[c..n), ascending) that holds a
     * posting in this block, adds {@code weightOfCode[code]} to its partial bound; reads the gaps only up
     * to the last pending document in the block and a code only where one matches, so a block
     * holding one pending document costs a partial walk, not a decode. Returns the first pending
     * position past the block.
     */
    int addToPending(int termIndex, int block, int base, float[] weightOfCode, int[] pending, float[] partial, int c, int n) {
        int count = blockSize(termIndex, block);
        int ordinal = block == termFirstBlock[termIndex] ? -1 : blockLast[block - 1];
        int at = blockOffset[block];
        int width = data[at++];
        int codes = at + (count * width + 7) / 8;
        long mask = (1L << width) - 1;
        long bit = (long) at << 3;
        int target = pending[c] + base;
        for (int i = 0; i < count; i++, bit += width) {
            ordinal += width == 0 ? 1 : (int) gap(bit, mask) + 1;
            while (ordinal > target) {
                if (++c == n) {
                    return c;
                }
                target = pending[c] + base;
            }
            if (ordinal == target) {
                partial[c] += weightOfCode[data[codes + i] & 0xFF];
                if (++c == n) {
                    return c;
                }
                target = pending[c] + base;
            }
        }
        return c;
    }

    /** The gap packed at this bit offset (at most 32 bits), read from the 8 bytes there, or byte by byte at the end of the data. */
    private long gap(long bit, long mask) {
        int at = (int) (bit >>> 3);
        long word;
        if (at + 8 <= data.length) {
            word = (long) LONGS.get(data, at);
        } else {
            word = 0;
            for (int i = 0; at + i < data.length; i++) {
                word |= (long) (data[at + i] & 0xFF) << (8 * i);
            }
        }
        return (word >>> (bit & 7)) & mask;
    }

    /**
     * {@code unit * code} for every code 0..255, the same float products the loops would compute.
     * The loops read them from this table instead of converting each code to float: a plain loop
     * converting per posting measured 3.8 ns per posting against 1.3 from a table (likely HotSpot's
     * int-to-float conversion keeping a false dependency on its target register).
     */
    static void weightsOfCodes(float unit, float[] weightOfCode) {
        for (int c = 0; c < weightOfCode.length; c++) {
            weightOfCode[c] = unit * c;
        }
    }

    /** Bytes of the read form: posting data, block and term tables, document tables (UTF-8 ids, sequences, term counts). */
    long memoryBytes() {
        return data.length + 9L * blockLast.length + 16L * terms.length + ids.memoryBytes() + 12L * size();
    }
}
