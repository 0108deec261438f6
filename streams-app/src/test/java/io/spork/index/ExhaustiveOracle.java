package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The reference every search is held to: every live document scored with float weights, term by
 * term in query order (as a term-at-a-time float accumulator adds them), best first, ties by id.
 */
public final class ExhaustiveOracle {
    private ExhaustiveOracle() {
    }

    /**
     * A document's float score, summed in query order: each query term's weight times the
     * document's weight of it, looked up on its own (not the scorers' merge of two sorted lists).
     */
    public static float score(SparseVector document, SparseVector query) {
        float score = 0f;
        for (int i = 0; i < query.size(); i++) {
            float w = document.weightOf(query.idAt(i));
            if (w != 0f) {
                score += query.weightAt(i) * w;
            }
        }
        return score;
    }

    public static List<ScoredDocument> topK(Map<String, SparseVector> live, SparseVector query, int k) {
        PriorityQueue<ScoredDocument> worstFirst = new PriorityQueue<>(ScoredDocument.BEST_FIRST.reversed());
        live.forEach((id, v) -> {
            float score = score(v, query);
            if (score > 0f && k > 0) {
                worstFirst.add(new ScoredDocument(id, score));
                if (worstFirst.size() > k) {
                    worstFirst.poll();
                }
            }
        });
        List<ScoredDocument> all = new ArrayList<>(worstFirst);
        all.sort(ScoredDocument.BEST_FIRST);
        return all;
    }
}
