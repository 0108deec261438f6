package io.spork.index;

import java.util.Arrays;

/**
 * A growable byte array for the seal's block encoder: what ByteArrayOutputStream does, without its
 * synchronized call per byte (the encoder writes a byte at a time).
 */
final class GrowableBytes {
    private byte[] bytes;
    private int size;

    GrowableBytes(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    void write(int b) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = (byte) b;
    }

    void write(byte[] b) {
        if (size + b.length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + b.length, bytes.length * 2));
        }
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
