package io.spork.index;

import io.spork.schema.SparseVector;

/**
 * The exact score of a document: the float dot product summed term by term in query order, the
 * order the exhaustive float scorer adds them in. Every exact score of a search (growing segment,
 * rescoring, stored bytes) is summed this way, so the top-k equals the exhaustive one bit for bit.
 */
final class ExactScore {
    private ExactScore() {
    }

    static float of(SparseVector query, SparseVector document) {
        float score = 0f;
        int j = 0;
        for (int i = 0; i < query.size() && j < document.size(); i++) {
            int term = query.idAt(i);
            while (j < document.size() && document.idAt(j) < term) {
                j++;
            }
            if (j < document.size() && document.idAt(j) == term) {
                score += query.weightAt(i) * document.weightAt(j);
            }
        }
        return score;
    }
}
