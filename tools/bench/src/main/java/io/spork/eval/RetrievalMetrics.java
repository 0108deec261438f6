package io.spork.eval;

import java.util.List;
import java.util.Map;

/**
 * nDCG and recall at a cut-off, with trec_eval's conventions ({@code trec_eval -c -m ndcg_cut.10
 * -m recall.100,1000}):
 * <ul>
 *   <li>hits are ranked by score descending, equal scores by document id descending ({@link Run#TREC_EVAL_ORDER});</li>
 *   <li>nDCG gain is the relevance grade itself (linear, not 2^grade - 1), discounted by log2(rank + 1);
 *       the ideal ranking is the query's judged grades, best first;</li>
 *   <li>a document is relevant when its grade is above 0; recall@k = relevant in the top k / relevant judged;</li>
 *   <li>a query of the qrels without hits scores 0, and the mean is over every query of the qrels.</li>
 * </ul>
 */
public final class RetrievalMetrics {
    private RetrievalMetrics() {
    }

    /** nDCG at {@code cutoff} of one query; 0 when the query has no relevant document. */
    public static double ndcg(List<RankedHit> ranked, Map<String, Integer> grades, int cutoff) {
        double dcg = 0;
        int depth = Math.min(cutoff, ranked.size());
        for (int i = 0; i < depth; i++) {
            int grade = grades.getOrDefault(ranked.get(i).docId(), 0);
            if (grade > 0) {
                dcg += grade / log2(i + 2);
            }
        }
        double ideal = idealDcg(grades, cutoff);
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double idealDcg(Map<String, Integer> grades, int cutoff) {
        List<Integer> best = grades.values().stream().filter(g -> g > 0)
                .sorted((a, b) -> Integer.compare(b, a)).limit(cutoff).toList();
        double ideal = 0;
        for (int i = 0; i < best.size(); i++) {
            ideal += best.get(i) / log2(i + 2);
        }
        return ideal;
    }

    /** Recall at {@code cutoff} of one query; 0 when the query has no relevant document. */
    public static double recall(List<RankedHit> ranked, Map<String, Integer> grades, int cutoff) {
        long relevant = grades.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        int depth = Math.min(cutoff, ranked.size());
        int found = 0;
        for (int i = 0; i < depth; i++) {
            if (grades.getOrDefault(ranked.get(i).docId(), 0) > 0) {
                found++;
            }
        }
        return (double) found / relevant;
    }

    /** Mean nDCG at {@code cutoff} over every query of the qrels. */
    public static double meanNdcg(Qrels qrels, Run run, int cutoff) {
        return qrels.queryIds().stream()
                .mapToDouble(q -> ndcg(run.ranked(q), qrels.grades(q), cutoff))
                .average().orElse(0);
    }

    /** Mean recall at {@code cutoff} over every query of the qrels. */
    public static double meanRecall(Qrels qrels, Run run, int cutoff) {
        return qrels.queryIds().stream()
                .mapToDouble(q -> recall(run.ranked(q), qrels.grades(q), cutoff))
                .average().orElse(0);
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
