package io.spork.search;

import io.spork.cluster.LocalStores;
import io.spork.encoder.Vocabulary;
import io.spork.index.DocumentStore;
import io.spork.lexical.Bm25Scoring;
import io.spork.schema.SparseVector;
import io.spork.schema.search.Bm25Contribution;
import io.spork.schema.search.Bm25Spec;
import io.spork.schema.search.HitDetails;
import io.spork.schema.search.TermContribution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dresses hits held in this instance's stores: title, snippet and, when asked, the per-term parts
 * of both sides. Only the page's hits are dressed, after the merge.
 */
final class HitDressing {
    private final LocalStores stores;
    private final Vocabulary vocabulary;

    HitDressing(LocalStores stores, Vocabulary vocabulary) {
        this.stores = stores;
        this.vocabulary = vocabulary;
    }

    /** Hits no longer stored here are left out. */
    List<HitDetails> dress(List<String> ids, SparseVector splade, Bm25Spec bm25, boolean explain, Set<String> snippetWords) {
        Bm25Scoring scoring = explain && bm25 != null ? LexicalForms.scoring(bm25) : null;
        List<HitDetails> details = new ArrayList<>(ids.size());
        for (String id : ids) {
            Optional<DocumentStore.Summary> doc = stores.summary(id);
            if (doc.isEmpty()) {
                continue;
            }
            // The full record (with its vector) only when the contributions are asked for.
            List<TermContribution> spladeParts = explain && splade != null
                    ? stores.document(id).map(d -> contributions(splade, d.vector())).orElse(List.of()) : null;
            List<Bm25Contribution> bm25Parts = scoring == null ? null
                    : stores.explainLexical(id, scoring);
            details.add(new HitDetails(id, doc.get().title(), Snippets.best(doc.get().text(), snippetWords), spladeParts, bm25Parts));
        }
        return details;
    }

    /** The query terms a document shares, with both weights and their product, best first. */
    List<TermContribution> contributions(SparseVector query, SparseVector document) {
        List<TermContribution> terms = new ArrayList<>();
        for (int i = 0; i < query.size(); i++) {
            float dw = document.weightOf(query.idAt(i));
            if (dw > 0f) {
                float qw = query.weightAt(i);
                terms.add(new TermContribution(vocabulary.token(query.idAt(i)), query.idAt(i), qw, dw, qw * dw));
            }
        }
        terms.sort(Comparator.comparingDouble((TermContribution t) -> t.contribution()).reversed());
        return terms;
    }
}
