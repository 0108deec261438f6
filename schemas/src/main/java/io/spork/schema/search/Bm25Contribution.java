package io.spork.schema.search;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one query term adds to a hit's BM25 score, with what it was computed from: its count in
 * the query, its frequency in the document, its cluster-wide document frequency and idf, and the
 * document's length in tokens.
 */
public record Bm25Contribution(
        String term,
        @JsonProperty("query_count") int queryCount,
        int frequency,
        @JsonProperty("document_frequency") long documentFrequency,
        float idf,
        @JsonProperty("document_length") int documentLength,
        float contribution) {
}
