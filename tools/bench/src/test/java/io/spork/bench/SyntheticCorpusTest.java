package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticCorpusTest {
    /**
     * Hand-made statistics of 1000 measured documents and 100 queries over 300 terms (ids 1000,
     * 1003, ...): terms 0-9 are in 60% of the documents with mean weight 0.3, terms 10-99 in 15%
     * with 1.0, terms 100-299 in 2.8% with 2.0, so a document has 25 terms on average (20 to 30).
     * Queries have 5 to 7 terms.
     */
    static SpladeStats handMade() {
        int terms = 300;
        int[] id = new int[terms];
        int[] df = new int[terms];
        float[] docMean = new float[terms];
        int[] qf = new int[terms];
        float[] queryMean = new float[terms];
        for (int t = 0; t < terms; t++) {
            id[t] = 1000 + 3 * t;
            df[t] = t < 10 ? 600 : t < 100 ? 150 : 28;
            docMean[t] = t < 10 ? 0.3f : t < 100 ? 1.0f : 2.0f;
            qf[t] = t < 10 ? 20 : 2;
            queryMean[t] = t < 10 ? 0.5f : 1.5f;
        }
        int[] docCounts = new int[1000];
        for (int i = 0; i < docCounts.length; i++) {
            docCounts[i] = 20 + i % 11;
        }
        int[] queryCounts = new int[100];
        for (int i = 0; i < queryCounts.length; i++) {
            queryCounts[i] = 5 + i % 3;
        }
        float[][] ratios = new float[10][];
        for (int c = 0; c < ratios.length; c++) {
            ratios[c] = new float[101];
            for (int q = 0; q <= 100; q++) {
                ratios[c][q] = 0.5f + q / 100f; // uniform on [0.5, 1.5]: mean 1
            }
        }
        return new SpladeStats("hand-made", "none", 30522,
                new SpladeStats.Side(1000, docCounts, 2.5f, ratios),
                new SpladeStats.Side(100, queryCounts, 2.5f, ratios),
                new SpladeStats.Terms(id, df, docMean, qf, queryMean));
    }

    @Test
    void documentsFollowTheMeasuredShape() {
        SyntheticCorpus corpus = new SyntheticCorpus(handMade(), CorpusShape.SCIFACT, 1);
        int docs = 4000;
        long terms = 0;
        int[] df = new int[30522];
        double[] weightSum = new double[30522];
        float maxWeight = 0;
        for (int i = 0; i < docs; i++) {
            SparseVector v = corpus.document(i);
            terms += v.size();
            for (int j = 0; j < v.size(); j++) {
                df[v.idAt(j)]++;
                weightSum[v.idAt(j)] += v.weightAt(j);
                maxWeight = Math.max(maxWeight, v.weightAt(j));
            }
        }
        double meanTerms = (double) terms / docs;
        assertEquals(25.0, meanTerms, 0.5, "terms per document");
        // Document frequencies as measured: 60%, 15% and 2.8% of the documents.
        assertEquals(0.60, share(df, 0, 10, docs), 0.06, "frequent terms");
        assertEquals(0.15, share(df, 10, 100, docs), 0.02, "middle terms");
        assertEquals(0.028, share(df, 100, 300, docs), 0.006, "rare terms");
        // Weights: each term's mean is kept (ratio mean 1), so frequent terms weigh less.
        assertEquals(0.3, meanWeight(df, weightSum, 0, 10), 0.03);
        assertEquals(1.0, meanWeight(df, weightSum, 10, 100), 0.05);
        assertTrue(meanWeight(df, weightSum, 100, 300) > 1.8, "rare terms weigh more (capped at 2.5)");
        assertTrue(maxWeight <= 2.5f, "weights are capped at the measured maximum");
    }

    @Test
    void queriesFollowTheMeasuredShape() {
        SyntheticCorpus corpus = new SyntheticCorpus(handMade(), CorpusShape.SCIFACT, 1);
        long terms = 0;
        for (int j = 0; j < 2000; j++) {
            terms += corpus.query(j).size();
        }
        assertEquals(6.0, terms / 2000.0, 0.2, "terms per query");
    }

    @Test
    void msmarcoShapeRescalesTheBundledStatistics() {
        SpladeStats bundled = SpladeStats.bundled();
        assertTrue(bundled.documents().count() > 1000 && bundled.queries().count() > 100, "bundled statistics measured on SciFact");
        SyntheticCorpus corpus = new SyntheticCorpus(bundled, CorpusShape.MSMARCO, 42);
        long docTerms = 0;
        int docs = 1500;
        int[] df = new int[bundled.vocabularySize()];
        for (int i = 0; i < docs; i++) {
            SparseVector v = corpus.document(i);
            docTerms += v.size();
            for (int j = 0; j < v.size(); j++) {
                df[v.idAt(j)]++;
            }
        }
        long queryTerms = 0;
        for (int j = 0; j < 500; j++) {
            queryTerms += corpus.query(j).size();
        }
        assertEquals(130.0, (double) docTerms / docs, 6.5, "about 130 terms per document");
        assertEquals(50.0, queryTerms / 500.0, 5.0, "about 50 terms per query");
        // The most frequent measured terms stay the most frequent generated ones.
        SpladeStats.Terms t = bundled.terms();
        Integer[] byDf = new Integer[t.size()];
        for (int i = 0; i < byDf.length; i++) {
            byDf[i] = i;
        }
        Arrays.sort(byDf, (a, b) -> Integer.compare(t.df()[b], t.df()[a]));
        double top = 0;
        double tail = 0;
        for (int i = 0; i < 20; i++) {
            top += df[t.id()[byDf[i]]];
            tail += df[t.id()[byDf[byDf.length / 2 + i]]];
        }
        assertTrue(top > 20 * tail, "measured frequent terms are frequent here too: " + top + " vs " + tail);
    }

    @Test
    void frequentTermsCarryLowerWeightsOnAverage() {
        SyntheticCorpus corpus = new SyntheticCorpus(handMade(), CorpusShape.SCIFACT, 5);
        double frequent = 0;
        double rare = 0;
        int frequentCount = 0;
        int rareCount = 0;
        for (int i = 0; i < 2000; i++) {
            SparseVector v = corpus.document(i);
            for (int j = 0; j < v.size(); j++) {
                if (v.idAt(j) < 1030) {
                    frequent += v.weightAt(j);
                    frequentCount++;
                } else {
                    rare += v.weightAt(j);
                    rareCount++;
                }
            }
        }
        assertTrue(frequent / frequentCount < 0.5 * rare / rareCount, "frequent terms weigh less");
    }

    @Test
    void vectorsAreReproducibleFromTheSeed() {
        SyntheticCorpus a = new SyntheticCorpus(handMade(), CorpusShape.MSMARCO, 7);
        SyntheticCorpus b = new SyntheticCorpus(handMade(), CorpusShape.MSMARCO, 7);
        SyntheticCorpus c = new SyntheticCorpus(handMade(), CorpusShape.MSMARCO, 8);
        for (int i = 0; i < 50; i++) {
            assertEquals(a.document(i), b.document(i));
            assertEquals(a.query(i), b.query(i));
        }
        assertNotEquals(a.document(3), c.document(3));
        assertNotEquals(a.document(3), a.query(3));
        assertEquals("d000000042", SyntheticCorpus.documentId(42));
    }

    private static double share(int[] df, int from, int to, int docs) {
        double sum = 0;
        for (int t = from; t < to; t++) {
            sum += df[1000 + 3 * t];
        }
        return sum / (to - from) / docs;
    }

    private static double meanWeight(int[] df, double[] weightSum, int from, int to) {
        double w = 0;
        long n = 0;
        for (int t = from; t < to; t++) {
            w += weightSum[1000 + 3 * t];
            n += df[1000 + 3 * t];
        }
        return w / n;
    }
}
