package io.spork.api;

import io.spork.encoder.Vocabulary;
import io.spork.index.DocumentStore;
import io.spork.index.ScoredDocument;
import io.spork.index.SearchResult;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import io.spork.schema.SparseVector;
import io.spork.topology.SporkStreams;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Searches the partitions this instance serves and dresses the hits from its own document
 * store: title, snippet and, when asked, the per-term contributions.
 */
public final class LocalSearch {
    /** Hits of one instance and the partitions that answered. */
    public record Result(List<HitView> hits, List<Integer> partitions) {
    }

    private final SporkStreams streams;
    private final Vocabulary vocabulary;

    public LocalSearch(SporkStreams streams, Vocabulary vocabulary) {
        this.streams = streams;
        this.vocabulary = vocabulary;
    }

    public Result search(SparseVector query, int n, boolean explain) {
        return search(query, n, explain, null);
    }

    /** @param partitions the partitions to answer for (null: every one held here) */
    public Result search(SparseVector query, int n, boolean explain, java.util.Set<Integer> partitions) {
        SearchResult result = streams.search(query, n, partitions);
        Set<String> snippetWords = snippetWords(query);
        List<HitView> hits = new ArrayList<>(result.hits().size());
        for (ScoredDocument hit : result.hits()) {
            // The full record (with its vector) only when the contributions are asked for.
            Optional<DocumentStore.Summary> doc = streams.localSummary(hit.id());
            hits.add(new HitView(hit.id(), hit.score(),
                    doc.map(DocumentStore.Summary::title).orElse(null),
                    doc.map(d -> Snippets.best(d.text(), snippetWords)).orElse(null),
                    explain ? streams.localDocument(hit.id()).map(d -> contributions(query, d.vector())).orElse(List.of()) : null));
        }
        return new Result(hits, result.partitions());
    }

    /** Phase one of a BM25 search: this instance's partitions' statistics of the query terms. */
    public Map<Integer, Bm25Statistics> lexicalStatistics(Collection<String> terms) {
        return streams.indexes().lexicalStatistics(terms, streams.activePartitions());
    }

    /** Phase two: each side's exact top-n over this instance's partitions (a null side is not searched). */
    public CandidateLists candidates(SparseVector splade, LexicalSearchSpec bm25, int n) {
        Set<Integer> active = streams.activePartitions();
        SearchResult s = splade == null ? null : streams.search(splade, n, active);
        SearchResult b = bm25 == null ? null : streams.indexes().searchLexical(bm25.scoring(), n, active);
        Set<Integer> partitions = new java.util.TreeSet<>();
        if (s != null) {
            partitions.addAll(s.partitions());
        }
        if (b != null) {
            partitions.addAll(b.partitions());
        }
        return new CandidateLists(s == null ? List.of() : s.hits(), b == null ? List.of() : b.hits(), List.copyOf(partitions));
    }

    /** Phase three: title, snippet and (with explain) both sides' per-term parts of hits held here. */
    public List<HitDetails> dress(List<String> ids, SparseVector splade, LexicalSearchSpec bm25, boolean explain, Set<String> snippetWords) {
        Bm25Scoring scoring = explain && bm25 != null ? bm25.scoring() : null;
        List<HitDetails> details = new ArrayList<>(ids.size());
        for (String id : ids) {
            Optional<DocumentStore.Summary> doc = streams.localSummary(id);
            if (doc.isEmpty()) {
                continue;
            }
            List<TermContribution> spladeParts = explain && splade != null
                    ? streams.localDocument(id).map(d -> contributions(splade, d.vector())).orElse(List.of()) : null;
            details.add(new HitDetails(id, doc.get().title(), Snippets.best(doc.get().text(), snippetWords), spladeParts,
                    scoring == null ? null : streams.indexes().explainLexical(id, scoring)));
        }
        return details;
    }

    private List<TermContribution> contributions(SparseVector query, SparseVector document) {
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

    /** The query's whole-word tokens (WordPiece continuations and specials left out), for snippets. */
    Set<String> snippetWords(SparseVector query) {
        Set<String> words = new HashSet<>();
        for (int i = 0; i < query.size(); i++) {
            String token = vocabulary.token(query.idAt(i));
            if (!token.startsWith("##") && !token.startsWith("[")) {
                words.add(token);
            }
        }
        return words;
    }
}
