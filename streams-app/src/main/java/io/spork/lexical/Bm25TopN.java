package io.spork.lexical;

import io.spork.index.BestHits;
import io.spork.index.ScoredDocument;
import java.util.List;
import java.util.Map;

/**
 * The exact BM25 top-n of one partition: term at a time over an accumulator with one slot per
 * ordinal, every live document that scores above 0 offered to a heap of the n best (ties by id).
 * Clause scores are floats summed in double, then rounded once, as Lucene's disjunctions do.
 */
final class Bm25TopN {
    private Bm25TopN() {
    }

    static List<ScoredDocument> search(Map<String, TermPostings> postings, LexicalDocuments documents, Bm25Scoring scoring, int n) {
        if (n <= 0 || scoring.terms().isEmpty()) {
            return List.of();
        }
        double[] accumulator = new double[documents.ordinals()];
        for (Bm25Scoring.ScoredTerm term : scoring.terms()) {
            TermPostings list = postings.get(term.term());
            if (list == null) {
                continue;
            }
            for (int i = 0, size = list.size(); i < size; i++) {
                int ordinal = list.ordinalAt(i);
                if (documents.live(ordinal)) {
                    accumulator[ordinal] += term.score(list.frequencyAt(i), documents.length(ordinal));
                }
            }
        }
        BestHits best = new BestHits(n);
        for (int ordinal = documents.nextLive(0); ordinal >= 0; ordinal = documents.nextLive(ordinal + 1)) {
            if (accumulator[ordinal] > 0) {
                best.offer(documents.id(ordinal), (float) accumulator[ordinal]);
            }
        }
        return best.hits();
    }
}
