package io.spork.schema.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One partition's BM25 collection statistics for a query's terms, as instances exchange them:
 * documents, their total length and each term's document frequency.
 */
public record TermStatistics(
        @JsonProperty("document_count") long documentCount,
        @JsonProperty("total_length") long totalLength,
        @JsonProperty("document_frequencies") Map<String, Long> documentFrequencies) {
    public TermStatistics {
        documentFrequencies = documentFrequencies == null ? Map.of() : Map.copyOf(documentFrequencies);
    }
}
