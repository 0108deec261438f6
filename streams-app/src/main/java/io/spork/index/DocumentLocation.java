package io.spork.index;

/**
 * Where the live version of a document is in its partition's index: a sealed segment's number (or
 * {@link #GROWING}), its ordinal there, and the sequence number of that version.
 */
record DocumentLocation(int segment, int ordinal, long sequence) {
    static final int GROWING = -1;

    boolean growing() {
        return segment == GROWING;
    }
}
