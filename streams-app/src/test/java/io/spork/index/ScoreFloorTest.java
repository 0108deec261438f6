package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoreFloorTest {
    @Test
    void isTheKthBestScoreOfferedSoFarAndZeroBefore() {
        ScoreFloor floor = new ScoreFloor(3);
        floor.offer(List.of(new ScoredDocument("a", 5f), new ScoredDocument("b", 1f)));
        assertEquals(0f, floor.value(), "fewer than k known");
        floor.offer(List.of(new ScoredDocument("c", 2f)));
        assertEquals(1f, floor.value());
        floor.offer(List.of(new ScoredDocument("d", 4f), new ScoredDocument("e", 0.5f)));
        assertEquals(2f, floor.value(), "5, 4, 2 are the best three");
    }
}
