package io.spork.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Cuts the next encode batch from a backlog of waiting documents: the oldest one, and around it
 * the documents whose windows are nearest its length, until the batch is full. A model run is as
 * long as its longest window, so a batch of like lengths pads little; taking the oldest every time
 * keeps the wait of every document bounded (each cut removes the head of the arrival order).
 */
final class BacklogCut {
    private BacklogCut() {
    }

    /**
     * @param backlog  the waiting documents, oldest first
     * @param length   a document's padded length (its longest window)
     * @param tokens   a document's tokens, counted against the batch's token budget
     * @return the positions in {@code backlog} of the next batch, in arrival order
     */
    static <T> List<Integer> next(List<T> backlog, ToIntFunction<T> length, ToIntFunction<T> tokens, EncodeBatching batching) {
        int n = backlog.size();
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = length.applyAsInt(backlog.get(i));
        }
        // Stable by arrival among equal lengths, so like documents leave in the order they came.
        Integer[] sorted = new Integer[n];
        Arrays.setAll(sorted, i -> i);
        Arrays.sort(sorted, Comparator.comparingInt(i -> lengths[i]));
        int at = 0;
        while (sorted[at] != 0) {
            at++;
        }
        int lo = at;
        int hi = at + 1;
        int documents = 1;
        int total = tokens.applyAsInt(backlog.get(0));
        while (!batching.isFull(documents, total) && (lo > 0 || hi < n)) {
            boolean below = hi == n
                    || (lo > 0 && lengths[0] - lengths[sorted[lo - 1]] <= lengths[sorted[hi]] - lengths[0]);
            int taken = below ? sorted[--lo] : sorted[hi++];
            documents++;
            total += tokens.applyAsInt(backlog.get(taken));
        }
        List<Integer> batch = new ArrayList<>(hi - lo);
        for (int i = lo; i < hi; i++) {
            batch.add(sorted[i]);
        }
        Collections.sort(batch);
        return batch;
    }
}
