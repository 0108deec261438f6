package io.spork.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchApiClientTest {
    @Test
    void readsIdAndScoreOfEveryHit() {
        String body = "{\"query\": \"q\", \"k\": 2, \"hits\": [{\"id\": \"d7\", \"score\": 12.345678, \"title\": \"T\"},"
                + " {\"id\": \"d1\", \"score\": 0.5}], \"partial\": false}";

        assertEquals(List.of(new RankedHit("d7", 12.345678f), new RankedHit("d1", 0.5f)), SearchApiClient.hits(body));
    }

    @Test
    void aPartialAnswerIsAnError() {
        String body = "{\"hits\": [], \"partitions\": {\"answered\": 1, \"total\": 2}, \"partial\": true}";

        assertThrows(EvalException.class, () -> SearchApiClient.hits(body));
    }
}
