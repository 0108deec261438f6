package io.spork.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RunTest {
    @Test
    void removingQueryIdHitsKeepsTheOthersInOrder() {
        Run run = new Run();
        run.put("7", List.of(new RankedHit("7", 9f), new RankedHit("8", 5f), new RankedHit("6", 1f)));

        assertEquals(List.of("8", "6"), ids(run.withoutQueryIdHits(), "7"));
    }

    @Test
    void truncationKeepsTheBestHitsInTrecEvalOrder() {
        Run run = new Run();
        run.put("q", List.of(new RankedHit("a", 1f), new RankedHit("b", 3f), new RankedHit("c", 3f), new RankedHit("d", 2f)));

        assertEquals(List.of("c", "b"), ids(run.truncated(2), "q"));
        assertEquals(List.of(), ids(run, "unknown query"));
    }

    private static List<String> ids(Run run, String query) {
        return run.ranked(query).stream().map(RankedHit::docId).toList();
    }
}
