package io.spork.search;

import io.spork.lexical.Bm25Parameters;
import io.spork.lexical.Bm25Query;
import io.spork.schema.SparseVector;
import java.util.Set;

/**
 * One search, encoded and analysed: the mode, the SPLADE query (null in BM25 mode), the BM25
 * query (null in SPLADE mode), BM25's parameters and the fusion, the page, and the words a
 * snippet is picked by.
 */
public record SearchRequest(SearchMode mode, SparseVector splade, Bm25Query bm25, Bm25Parameters parameters, FusionSettings fusion,
                            int k, int offset, boolean explain, Set<String> snippetWords) {
    public SearchRequest {
        if (mode.usesSplade() && splade == null || mode.usesBm25() && (bm25 == null || parameters == null)) {
            throw new IllegalArgumentException("a " + mode.tag() + " search needs its " + (splade == null ? "SPLADE" : "BM25") + " query");
        }
        if (k < 1 || offset < 0) {
            throw new IllegalArgumentException("a page needs k >= 1 and offset >= 0, got k " + k + ", offset " + offset);
        }
        snippetWords = Set.copyOf(snippetWords);
    }

    /** A SPLADE search by a query vector alone. */
    public static SearchRequest splade(SparseVector query, int k, int offset, boolean explain, Set<String> snippetWords) {
        return new SearchRequest(SearchMode.SPLADE, query, null, null, null, k, offset, explain, snippetWords);
    }

    /** Where the page ends in the global ranking: k + offset. */
    public int end() {
        return k + offset;
    }

    /** How many candidates each partition gives each side: the page, or the fusion's candidates in hybrid mode. */
    public int candidates() {
        return mode == SearchMode.HYBRID ? fusion.candidatesFor(end()) : end();
    }
}
