package io.spork.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nDCG and recall against hand-computed values, with trec_eval's conventions. */
class RetrievalMetricsTest {
    private static final double EPSILON = 1e-9;
    private static final String QUERY = "q1";

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void equalScoresAreRankedByDocumentIdDescending() {
        Qrels qrels = new Qrels();
        qrels.add(QUERY, "d2", 1);
        Run run = new Run();
        run.put(QUERY, List.of(new RankedHit("d1", 2f), new RankedHit("d2", 1f), new RankedHit("d3", 1f)));

        // trec_eval order: d1 (2.0), then d3 before d2 (equal scores, greater id first).
        assertEquals(List.of("d1", "d3", "d2"), run.ranked(QUERY).stream().map(RankedHit::docId).toList());
        assertEquals(0.0, RetrievalMetrics.ndcg(run.ranked(QUERY), qrels.grades(QUERY), 2), EPSILON);
        assertEquals(1 / log2(4), RetrievalMetrics.ndcg(run.ranked(QUERY), qrels.grades(QUERY), 3), EPSILON);
        assertEquals(0.0, RetrievalMetrics.recall(run.ranked(QUERY), qrels.grades(QUERY), 2), EPSILON);
        assertEquals(1.0, RetrievalMetrics.recall(run.ranked(QUERY), qrels.grades(QUERY), 3), EPSILON);
    }

    @Test
    void ndcgUsesLinearGainsOfGradedRelevance() {
        Qrels qrels = new Qrels();
        qrels.add(QUERY, "a", 2);
        qrels.add(QUERY, "b", 1);
        qrels.add(QUERY, "c", 1);
        qrels.add(QUERY, "n", 0);
        Run run = new Run();
        run.put(QUERY, List.of(new RankedHit("b", 3f), new RankedHit("a", 2f), new RankedHit("x", 1f), new RankedHit("c", 0.5f)));

        double dcg = 1 / log2(2) + 2 / log2(3) + 1 / log2(5);
        double ideal = 2 / log2(2) + 1 / log2(3) + 1 / log2(4);
        assertEquals(dcg / ideal, RetrievalMetrics.ndcg(run.ranked(QUERY), qrels.grades(QUERY), 10), EPSILON);
        assertEquals(0.8599797111848092, RetrievalMetrics.ndcg(run.ranked(QUERY), qrels.grades(QUERY), 10), EPSILON);
        // At 2 the ideal is cut too: (1 + 2/log2 3) / (2 + 1/log2 3).
        assertEquals(0.8597186998521972, RetrievalMetrics.ndcg(run.ranked(QUERY), qrels.grades(QUERY), 2), EPSILON);
        // Grade 0 is judged but not relevant: 3 relevant documents, all retrieved.
        assertEquals(1.0, RetrievalMetrics.recall(run.ranked(QUERY), qrels.grades(QUERY), 10), EPSILON);
        assertEquals(2.0 / 3, RetrievalMetrics.recall(run.ranked(QUERY), qrels.grades(QUERY), 2), EPSILON);
    }

    @Test
    void aQueryWithoutHitsCountsZeroInTheMean() {
        Qrels qrels = new Qrels();
        qrels.add("q1", "d1", 1);
        qrels.add("q2", "d2", 1);
        Run run = new Run();
        run.put("q1", List.of(new RankedHit("d1", 1f)));
        run.put("not-judged", List.of(new RankedHit("d2", 1f)));

        EvalScores scores = EvalScores.of(qrels, run);
        assertEquals(0.5, scores.ndcgAt10(), EPSILON);
        assertEquals(0.5, scores.recallAt100(), EPSILON);
        assertEquals(0.5, scores.recallAt1000(), EPSILON);
    }

    @Test
    void aQueryWithoutRelevantDocumentsScoresZero() {
        Qrels qrels = new Qrels();
        qrels.add(QUERY, "d1", 0);
        List<RankedHit> hits = List.of(new RankedHit("d1", 1f));
        assertEquals(0.0, RetrievalMetrics.ndcg(hits, qrels.grades(QUERY), 10), EPSILON);
        assertEquals(0.0, RetrievalMetrics.recall(hits, qrels.grades(QUERY), 10), EPSILON);
    }

    @Test
    void recallCountsOnlyTheHitsAboveTheCutoff() {
        Qrels qrels = new Qrels();
        List<RankedHit> hits = new ArrayList<>();
        int total = 1001;
        for (int rank = 1; rank <= total; rank++) {
            hits.add(new RankedHit("d" + rank, total - rank + 1));
        }
        for (int rank : new int[] {100, 101, 1000, 1001}) {
            qrels.add(QUERY, "d" + rank, 1);
        }
        Run run = new Run();
        run.put(QUERY, hits);

        EvalScores scores = EvalScores.of(qrels, run);
        assertEquals(0.25, scores.recallAt100(), EPSILON);
        assertEquals(0.75, scores.recallAt1000(), EPSILON);
        assertEquals(0.75, RetrievalMetrics.recall(run.ranked(QUERY), qrels.grades(QUERY), 1000), EPSILON);
        assertEquals(0.0, RetrievalMetrics.recall(run.ranked(QUERY), qrels.grades(QUERY), 99), EPSILON);
    }
}
