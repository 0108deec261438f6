package io.spork.index;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** The k best hits offered, best first, ties by id ascending (a heap of the k best, worst on top). */
public final class BestHits {
    private final int k;
    private final PriorityQueue<ScoredDocument> worstFirst;

    public BestHits(int k) {
        this.k = k;
        this.worstFirst = new PriorityQueue<>(k + 1, ScoredDocument.BEST_FIRST.reversed());
    }

    public boolean full() {
        return worstFirst.size() == k;
    }

    /** The k-th best score (when full). */
    public float kth() {
        return worstFirst.peek().score();
    }

    public void offer(String id, float score) {
        if (worstFirst.size() == k && score < worstFirst.peek().score()) {
            return;
        }
        ScoredDocument hit = new ScoredDocument(id, score);
        if (worstFirst.size() < k) {
            worstFirst.add(hit);
        } else if (ScoredDocument.BEST_FIRST.compare(hit, worstFirst.peek()) < 0) {
            worstFirst.poll();
            worstFirst.add(hit);
        }
    }

    public List<ScoredDocument> hits() {
        List<ScoredDocument> hits = new ArrayList<>(worstFirst);
        hits.sort(ScoredDocument.BEST_FIRST);
        return hits;
    }
}
