package io.spork.eval;

/**
 * The effectiveness figures the eval command prints, each a mean over every query of the qrels.
 */
public record EvalScores(double ndcgAt10, double recallAt100, double recallAt1000) {
    public static final int NDCG_CUTOFF = 10;
    public static final int RECALL_CUTOFF_SHORT = 100;
    public static final int RECALL_CUTOFF_LONG = 1000;

    public static EvalScores of(Qrels qrels, Run run) {
        return new EvalScores(
                RetrievalMetrics.meanNdcg(qrels, run, NDCG_CUTOFF),
                RetrievalMetrics.meanRecall(qrels, run, RECALL_CUTOFF_SHORT),
                RetrievalMetrics.meanRecall(qrels, run, RECALL_CUTOFF_LONG));
    }
}
