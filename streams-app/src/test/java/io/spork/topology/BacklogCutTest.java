package io.spork.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BacklogCutTest {
    private static final EncodeBatching FOUR_DOCUMENTS = new EncodeBatching(4, 1_000_000, Duration.ofMillis(20), 2, 8);

    private static List<Integer> cut(List<Integer> lengths, EncodeBatching batching) {
        return BacklogCut.next(lengths, l -> l, l -> l, batching);
    }

    @Test
    void takesTheOldestAndTheDocumentsNearestItsLength() {
        // Arrival order: lengths 100, 500, 90, 480, 110, 300, 95.
        List<Integer> lengths = List.of(100, 500, 90, 480, 110, 300, 95);
        List<Integer> batch = cut(lengths, FOUR_DOCUMENTS);
        assertEquals(List.of(0, 2, 4, 6), batch, "100, 90, 110, 95: the oldest (100) and its nearest lengths, in arrival order");
    }

    @Test
    void aBacklogWithinOneBatchLeavesWhole() {
        assertEquals(List.of(0, 1, 2), cut(List.of(300, 20, 150), FOUR_DOCUMENTS));
    }

    @Test
    void theTokenBudgetClosesTheBatchAsArrivalOrderDid() {
        EncodeBatching tokens = new EncodeBatching(100, 250, Duration.ofMillis(20), 2, 8);
        // 100 + 90 = 190 < 250, + 110 = 300: full with the third document, as an arrival-order cut is.
        assertEquals(List.of(0, 1, 2), cut(List.of(100, 110, 90, 400, 500), tokens));
    }

    @Test
    void everyDocumentLeavesAndNoneWaitsForMoreCutsThanItsPlaceInTheArrivalOrder() {
        Random random = new Random(7);
        List<Integer> backlog = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            backlog.add(10 + random.nextInt(500));
        }
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < backlog.size(); i++) {
            ids.add(i);
        }
        Set<Integer> left = new HashSet<>();
        int cuts = 0;
        long paddedSorted = 0;
        while (!ids.isEmpty()) {
            List<Integer> current = new ArrayList<>();
            ids.forEach(id -> current.add(backlog.get(id)));
            List<Integer> batch = cut(current, FOUR_DOCUMENTS);
            cuts++;
            int oldest = ids.get(0);
            List<Integer> taken = new ArrayList<>();
            int longest = 0;
            for (int position : batch) {
                int id = ids.get(position);
                assertTrue(cuts <= id + 1, "document " + id + " left only at cut " + cuts);
                taken.add(id);
                longest = Math.max(longest, current.get(position));
            }
            assertTrue(taken.contains(oldest), "each cut takes the oldest document");
            paddedSorted += (long) longest * batch.size();
            left.addAll(taken);
            ids.removeAll(taken);
        }
        assertEquals(200, left.size());
        long paddedArrival = 0;
        for (int from = 0; from < backlog.size(); from += 4) {
            paddedArrival += 4L * backlog.subList(from, from + 4).stream().mapToInt(Integer::intValue).max().orElseThrow();
        }
        long real = backlog.stream().mapToLong(Integer::longValue).sum();
        assertTrue(paddedSorted - real < (paddedArrival - real) / 2,
                "padding " + (paddedSorted - real) + " against " + (paddedArrival - real) + " in arrival order");
    }
}
