package io.spork.bench;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The exhaustive float reference of the query benchmark, streaming: the corpus is drawn again from
 * its seed, document by document, and each document is scored against every checked query that
 * shares a term with it (a term to queries table), keeping each query's top-k; no document is
 * kept, so its memory is the queries' (it runs beside an 8.8M-document index). A query's score
 * adds the products of its shared terms in ascending term order (vectors hold their terms
 * ascending), as Spork's exact rescoring does; ties go to the smaller id. It sees every hit an index could miss.
 */
final class FloatOracle {
    private FloatOracle() {
    }

    /** The exact top-k ids of each query over documents 0..count-1, best first (ties by id ascending). */
    static List<List<String>> topK(BenchCorpus corpus, int count, List<SparseVector> queries, int k) {
        int[][] queriesOf = new int[0][];
        float[][] weightsOf = new float[0][];
        int[] perTerm = new int[0];
        for (int q = 0; q < queries.size(); q++) {
            SparseVector query = queries.get(q);
            for (int i = 0; i < query.size(); i++) {
                int t = query.idAt(i);
                if (t >= perTerm.length) {
                    int capacity = Math.max(t + 1, 2 * perTerm.length);
                    queriesOf = Arrays.copyOf(queriesOf, capacity);
                    weightsOf = Arrays.copyOf(weightsOf, capacity);
                    perTerm = Arrays.copyOf(perTerm, capacity);
                }
                if (queriesOf[t] == null) {
                    queriesOf[t] = new int[4];
                    weightsOf[t] = new float[4];
                } else if (perTerm[t] == queriesOf[t].length) {
                    queriesOf[t] = Arrays.copyOf(queriesOf[t], 2 * perTerm[t]);
                    weightsOf[t] = Arrays.copyOf(weightsOf[t], 2 * perTerm[t]);
                }
                queriesOf[t][perTerm[t]] = q;
                weightsOf[t][perTerm[t]++] = query.weightAt(i);
            }
        }
        TopK[] best = new TopK[queries.size()];
        for (int q = 0; q < best.length; q++) {
            best[q] = new TopK(k);
        }
        float[] score = new float[queries.size()];
        int[] touched = new int[queries.size()];
        boolean[] seen = new boolean[queries.size()];
        for (int d = 0; d < count; d++) {
            SparseVector v = corpus.document(d);
            int n = 0;
            for (int i = 0; i < v.size(); i++) {
                int t = v.idAt(i);
                if (t >= perTerm.length) {
                    continue;
                }
                float w = v.weightAt(i);
                int[] qs = queriesOf[t];
                float[] qw = weightsOf[t];
                for (int j = 0; j < perTerm[t]; j++) {
                    int q = qs[j];
                    if (!seen[q]) {
                        seen[q] = true;
                        touched[n++] = q;
                    }
                    score[q] += qw[j] * w;
                }
            }
            for (int j = 0; j < n; j++) {
                int q = touched[j];
                best[q].offer(d, score[q]);
                score[q] = 0f;
                seen[q] = false;
            }
        }
        List<List<String>> lists = new ArrayList<>(best.length);
        for (TopK top : best) {
            lists.add(top.ids());
        }
        return lists;
    }

    /** One query's best k so far; documents come in ascending order, so an equal score never displaces an earlier (smaller) id. */
    private static final class TopK {
        private final float[] scores;
        private final int[] docs;
        private int size;
        private int worst;

        TopK(int k) {
            scores = new float[k];
            docs = new int[k];
        }

        void offer(int doc, float score) {
            if (!(score > 0f)) {
                return;
            }
            if (size < scores.length) {
                scores[size] = score;
                docs[size++] = doc;
                if (size == scores.length) {
                    findWorst();
                }
            } else if (score > scores[worst]) {
                scores[worst] = score;
                docs[worst] = doc;
                findWorst();
            }
        }

        private void findWorst() {
            worst = 0;
            for (int i = 1; i < size; i++) {
                if (scores[i] < scores[worst] || (scores[i] == scores[worst] && docs[i] > docs[worst])) {
                    worst = i;
                }
            }
        }

        List<String> ids() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(docs[a], docs[b]));
            List<String> ids = new ArrayList<>(size);
            for (int i : order) {
                ids.add(SyntheticCorpus.documentId(docs[i]));
            }
            return ids;
        }
    }
}
