package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class FloatOracleTest {
    @Test
    void theStreamingPassFindsWhatScoringEveryDocumentFinds() {
        BenchCorpus corpus = new SyntheticCorpus(SpladeStats.bundled(), CorpusShape.MSMARCO, 7);
        List<SparseVector> queries = new ArrayList<>();
        for (int j = 0; j < 25; j++) {
            queries.add(corpus.query(j));
        }
        assertEquals(bruteForce(corpus, 3000, queries, 10), FloatOracle.topK(corpus, 3000, queries, 10));
    }

    @Test
    void equalScoresGoToTheSmallerIdAndDocumentsSharingNoTermAreLeftOut() {
        // Every document repeats one of 7 vectors, so each top-k is decided by ties; query 2 shares no term with any.
        SparseVector[] base = new SparseVector[7];
        for (int b = 0; b < base.length; b++) {
            base[b] = new SparseVector(new int[] {b, 10 + b, 20}, new float[] {0.5f + b, 1.25f, 0.1f * (b + 1)});
        }
        BenchCorpus repeating = new BenchCorpus() {
            @Override
            public SparseVector document(long i) {
                return base[(int) (i * 5 % base.length)];
            }

            @Override
            public SparseVector query(long j) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String describe() {
                return "repeating";
            }

            @Override
            public BenchCorpus reseeded(long seed) {
                return this;
            }
        };
        List<SparseVector> queries = List.of(new SparseVector(new int[] {3, 20}, new float[] {1f, 2f}),
                new SparseVector(new int[] {11, 12, 20}, new float[] {0.3f, 0.3f, 5f}), new SparseVector(new int[] {99}, new float[] {1f}));
        List<List<String>> exact = FloatOracle.topK(repeating, 500, queries, 10);
        assertEquals(bruteForce(repeating, 500, queries, 10), exact);
        assertEquals(List.of(), exact.get(2));
        assertEquals(10, exact.get(0).size());
    }

    /** Every document scored against every query (float products added in ascending term order), sorted. */
    private static List<List<String>> bruteForce(BenchCorpus corpus, int count, List<SparseVector> queries, int k) {
        List<List<String>> lists = new ArrayList<>();
        for (SparseVector q : queries) {
            List<float[]> scored = new ArrayList<>();
            for (int d = 0; d < count; d++) {
                float s = dot(q, corpus.document(d));
                if (s > 0f) {
                    scored.add(new float[] {s, d});
                }
            }
            scored.sort(Comparator.<float[]>comparingDouble(a -> -a[0]).thenComparingDouble(a -> a[1]));
            List<String> ids = new ArrayList<>();
            for (float[] hit : scored.subList(0, Math.min(k, scored.size()))) {
                ids.add(SyntheticCorpus.documentId((long) hit[1]));
            }
            lists.add(ids);
        }
        return lists;
    }

    private static float dot(SparseVector q, SparseVector d) {
        float s = 0f;
        for (int i = 0, j = 0; i < q.size() && j < d.size(); ) {
            if (q.idAt(i) == d.idAt(j)) {
                s += q.weightAt(i++) * d.weightAt(j++);
            } else if (q.idAt(i) < d.idAt(j)) {
                i++;
            } else {
                j++;
            }
        }
        return s;
    }
}
