package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopKAgreementTest {
    private static final Map<String, Double> SCORES = Map.of(
            "a", 10.0, "b", 9.0, "c", 8.0, "d", 7.99, "e", 5.0);

    @Test
    void identicalSetsAgreeWhateverTheirOrder() {
        TopKAgreement agreement = new TopKAgreement();
        agreement.add(List.of("a", "b", "c"), List.of("b", "a", "c"), SCORES::get);
        assertEquals(1.0, agreement.overlap());
        assertEquals(1, agreement.identicalSets());
        assertEquals(0, agreement.unexplained());
    }

    @Test
    void aNearTieAtTheBoundaryIsExplainedByLuceneRounding() {
        TopKAgreement agreement = new TopKAgreement();
        // d is 0.125% below c: within Lucene's 2^-8 (0.39%) weight truncation.
        agreement.add(List.of("a", "b", "c"), List.of("a", "b", "d"), SCORES::get);
        assertEquals(2.0 / 3, agreement.overlap(), 1e-9);
        assertEquals(0, agreement.identicalSets());
        assertEquals(0, agreement.unexplained());
    }

    @Test
    void aDocumentFarBelowTheKthScoreIsNotExplained() {
        TopKAgreement agreement = new TopKAgreement();
        agreement.add(List.of("a", "b", "c"), List.of("a", "b", "e"), SCORES::get);
        assertEquals(1, agreement.unexplained());
    }

    @Test
    void missingHitsCountAsUnexplainedAndOverlapIsOverAllQueries() {
        TopKAgreement agreement = new TopKAgreement();
        agreement.add(List.of("a", "b"), List.of("a"), SCORES::get);
        agreement.add(List.of("a", "b"), List.of("a", "b"), SCORES::get);
        assertEquals(3.0 / 4, agreement.overlap(), 1e-9);
        assertEquals(1, agreement.unexplained());
        assertEquals(2, agreement.queries());
        assertEquals(1, agreement.identicalSets());
    }
}
