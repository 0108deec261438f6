package io.spork.lexical;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one query term adds to a document's BM25 score, with what it was computed from: the term's
 * count in the query (Lucene's boost), its frequency in the document, its cluster-wide document
 * frequency and idf, and the document's length (in tokens, before Lucene's one-byte encoding).
 */
public record Bm25TermScore(
        String term,
        @JsonProperty("query_count") int queryCount,
        int frequency,
        @JsonProperty("document_frequency") long documentFrequency,
        float idf,
        @JsonProperty("document_length") int documentLength,
        float contribution) {
}
