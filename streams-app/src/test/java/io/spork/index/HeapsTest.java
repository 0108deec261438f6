package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scorer's three small structures: the k best lower bounds, the k best hits, the candidate list. */
class HeapsTest {
    @Test
    void lowerBoundsKeepTheKLargestAndThetaIsTheKth() {
        Random random = new Random(1);
        LowerBounds lower = new LowerBounds(5);
        float[] all = new float[200];
        for (int i = 0; i < all.length; i++) {
            all[i] = random.nextFloat();
            lower.offer(all[i]);
            assertEquals(i >= 4, lower.full());
        }
        java.util.Arrays.sort(all);
        assertEquals(all[all.length - 5], lower.theta());
        assertEquals(0f, new LowerBounds(3).theta(), "0 before k are known");
    }

    @Test
    void bestHitsKeepTheKBestWithTiesById() {
        BestHits best = new BestHits(3);
        best.offer("c", 1f);
        best.offer("b", 2f);
        best.offer("z", 2f);
        assertTrue(best.full());
        assertEquals(1f, best.kth());
        best.offer("a", 2f);
        best.offer("x", 0.5f);
        assertEquals(List.of(new ScoredDocument("a", 2f), new ScoredDocument("b", 2f), new ScoredDocument("z", 2f)), best.hits());
        assertFalse(new BestHits(1).full());
    }

    @Test
    void candidatesBelowACutAreDropped() {
        Candidates candidates = new Candidates();
        for (int i = 0; i < 100; i++) {
            candidates.add(i % 3, i, i / 10f);
        }
        assertArrayEquals(new int[] {95, 96, 97, 98, 99}, candidates.atLeast(9.5f));
        candidates.retainAtLeast(9f);
        assertEquals(10, candidates.size);
        assertEquals(90, candidates.ordinal[0]);
        assertEquals(0, candidates.segment[0]);
    }
}
