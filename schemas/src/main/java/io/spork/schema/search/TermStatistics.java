package io.spork.schema.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One partition's BM25 collection statistics for a query's terms, as instances exchange them:
 * documents, their total length and each term's document frequency.
 */
public record TermStatistics(
        @JsonProperty("document_count") long documentCount,
        @JsonProperty("total_length") long totalLength,
        @JsonProperty("document_frequencies") Map<String, Long> documentFrequencies) {
    public TermStatistics {
        documentFrequencies = Collections.unmodifiableMap(documentFrequencies == null ? new TreeMap<>() : new TreeMap<>(documentFrequencies));
    }
}
