package io.spork.bench;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.List;

/**
 * The exhaustive float reference of the query benchmark: every posting of the corpus as float
 * weights in term lists, and each query scored over all of them term by term in query order,
 * top-k by score then id. It sees every hit an index could miss.
 */
final class FloatOracle {
    private final int[][] docs;
    private final float[][] weights;
    private final int documents;

    private FloatOracle(int[][] docs, float[][] weights, int documents) {
        this.docs = docs;
        this.weights = weights;
        this.documents = documents;
    }

    static FloatOracle build(BenchCorpus corpus, int count, int vocabulary) {
        int[] df = new int[vocabulary];
        for (int d = 0; d < count; d++) {
            SparseVector v = corpus.document(d);
            for (int i = 0; i < v.size(); i++) {
                df[v.idAt(i)]++;
            }
        }
        int[][] docs = new int[vocabulary][];
        float[][] weights = new float[vocabulary][];
        for (int t = 0; t < vocabulary; t++) {
            docs[t] = new int[df[t]];
            weights[t] = new float[df[t]];
        }
        int[] fill = new int[vocabulary];
        for (int d = 0; d < count; d++) {
            SparseVector v = corpus.document(d);
            for (int i = 0; i < v.size(); i++) {
                int t = v.idAt(i);
                docs[t][fill[t]] = d;
                weights[t][fill[t]++] = v.weightAt(i);
            }
        }
        return new FloatOracle(docs, weights, count);
    }

    /** The exact top-k ids, best first (ties by id ascending). */
    List<String> topK(SparseVector query, int k) {
        float[] acc = new float[documents];
        for (int i = 0; i < query.size(); i++) {
            int t = query.idAt(i);
            if (t >= docs.length) {
                continue;
            }
            float q = query.weightAt(i);
            int[] ds = docs[t];
            float[] ws = weights[t];
            for (int p = 0; p < ds.length; p++) {
                acc[ds[p]] += q * ws[p];
            }
        }
        List<Integer> best = new ArrayList<>();
        java.util.PriorityQueue<Integer> worstFirst = new java.util.PriorityQueue<>((a, b) -> acc[a] != acc[b]
                ? Float.compare(acc[a], acc[b]) : SyntheticCorpus.documentId(b).compareTo(SyntheticCorpus.documentId(a)));
        for (int d = 0; d < documents; d++) {
            if (acc[d] > 0f && (worstFirst.size() < k || acc[d] >= acc[worstFirst.peek()])) {
                worstFirst.add(d);
                if (worstFirst.size() > k) {
                    worstFirst.poll();
                }
            }
        }
        best.addAll(worstFirst);
        best.sort((a, b) -> acc[a] != acc[b] ? Float.compare(acc[b], acc[a]) : SyntheticCorpus.documentId(a).compareTo(SyntheticCorpus.documentId(b)));
        List<String> ids = new ArrayList<>(best.size());
        for (int d : best) {
            ids.add(SyntheticCorpus.documentId(d));
        }
        return ids;
    }
}
