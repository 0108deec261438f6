package io.spork.index;

/** The k largest lower bounds so far (a min-heap); theta is the k-th, or 0 before k are known. */
final class LowerBounds {
    private final float[] heap;
    private int size;

    LowerBounds(int k) {
        heap = new float[k];
    }

    boolean full() {
        return size == heap.length;
    }

    float theta() {
        return full() ? heap[0] : 0f;
    }

    void offer(float value) {
        if (size < heap.length) {
            int i = size++;
            heap[i] = value;
            while (i > 0 && heap[(i - 1) >>> 1] > heap[i]) {
                int parent = (i - 1) >>> 1;
                float t = heap[parent];
                heap[parent] = heap[i];
                heap[i] = t;
                i = parent;
            }
        } else if (value > heap[0]) {
            heap[0] = value;
            int i = 0;
            while (true) {
                int left = 2 * i + 1;
                if (left >= size) {
                    break;
                }
                int smallest = left + 1 < size && heap[left + 1] < heap[left] ? left + 1 : left;
                if (heap[smallest] >= heap[i]) {
                    break;
                }
                float t = heap[smallest];
                heap[smallest] = heap[i];
                heap[i] = t;
                i = smallest;
            }
        }
    }
}
