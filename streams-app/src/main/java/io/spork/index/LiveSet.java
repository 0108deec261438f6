package io.spork.index;

import java.util.Arrays;

/**
 * The live ordinals of a segment, persistent: {@link #without} returns a new set and leaves this
 * one as it was, so a search keeps reading the set of its view while the writer marks documents
 * dead. Pages of 4,096 bits; a delete copies the page table and one page (path copying), never
 * the whole set. A null page is all live.
 */
final class LiveSet {
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_WORDS = (1 << PAGE_SHIFT) / 64;

    private final long[][] pages;
    private final int size;
    private final int dead;

    private LiveSet(long[][] pages, int size, int dead) {
        this.pages = pages;
        this.size = size;
        this.dead = dead;
    }

    /** Every ordinal below size live. */
    static LiveSet allLive(int size) {
        return new LiveSet(new long[(size + (1 << PAGE_SHIFT) - 1) >>> PAGE_SHIFT][], size, 0);
    }

    boolean get(int ordinal) {
        long[] page = pages[ordinal >>> PAGE_SHIFT];
        return page == null || (page[(ordinal >>> 6) & (PAGE_WORDS - 1)] & (1L << ordinal)) != 0;
    }

    /** This set with the ordinal dead (this set itself when it already was). */
    LiveSet without(int ordinal) {
        if (!get(ordinal)) {
            return this;
        }
        long[][] copy = pages.clone();
        int p = ordinal >>> PAGE_SHIFT;
        long[] page = copy[p];
        if (page == null) {
            page = new long[PAGE_WORDS];
            Arrays.fill(page, -1L);
        } else {
            page = page.clone();
        }
        page[(ordinal >>> 6) & (PAGE_WORDS - 1)] &= ~(1L << ordinal);
        copy[p] = page;
        return new LiveSet(copy, size, dead + 1);
    }

    /** This set grown to size (new ordinals live); for the growing segment, whose size only grows. */
    LiveSet grownTo(int newSize) {
        if (newSize <= size) {
            return this;
        }
        int pageCount = (newSize + (1 << PAGE_SHIFT) - 1) >>> PAGE_SHIFT;
        return new LiveSet(pageCount == pages.length ? pages : Arrays.copyOf(pages, pageCount), newSize, dead);
    }

    int size() {
        return size;
    }

    /** The dead ordinals, ascending (only the pages that hold one are looked at). */
    int[] deadOrdinals() {
        int[] dead = new int[this.dead];
        int n = 0;
        for (int p = 0; p < pages.length && n < dead.length; p++) {
            long[] page = pages[p];
            if (page == null) {
                continue;
            }
            for (int w = 0; w < page.length; w++) {
                long deadBits = ~page[w];
                while (deadBits != 0) {
                    int ordinal = (p << PAGE_SHIFT) + (w << 6) + Long.numberOfTrailingZeros(deadBits);
                    deadBits &= deadBits - 1;
                    if (ordinal < size) {
                        dead[n++] = ordinal;
                    }
                }
            }
        }
        return n == dead.length ? dead : Arrays.copyOf(dead, n);
    }

    int deadCount() {
        return dead;
    }

    int liveCount() {
        return size - dead;
    }
}
