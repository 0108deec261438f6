package io.spork.lexical;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collection statistics BM25 needs, for a set of query terms: documents with at least one
 * token, their total length (so the average length is {@code totalLength / documentCount}), and
 * the document frequency of each term. One partition's statistics add up with the others' into the
 * cluster's, which every partition then scores with: a score does not depend on where a document lives.
 */
public record Bm25Statistics(
        @JsonProperty("document_count") long documentCount,
        @JsonProperty("total_length") long totalLength,
        @JsonProperty("document_frequencies") Map<String, Long> documentFrequencies) {
    public static final Bm25Statistics EMPTY = new Bm25Statistics(0, 0, Map.of());

    public Bm25Statistics {
        if (documentCount < 0 || totalLength < documentCount) {
            throw new IllegalArgumentException("inconsistent BM25 statistics: " + documentCount + " documents of total length " + totalLength);
        }
        documentFrequencies = java.util.Collections.unmodifiableMap(documentFrequencies == null ? new TreeMap<>() : new TreeMap<>(documentFrequencies));
        for (Map.Entry<String, Long> e : documentFrequencies.entrySet()) {
            if (e.getValue() < 0 || e.getValue() > documentCount) {
                throw new IllegalArgumentException("document frequency " + e.getValue() + " of '" + e.getKey() + "' is outside 0.." + documentCount);
            }
        }
    }

    public long documentFrequency(String term) {
        return documentFrequencies.getOrDefault(term, 0L);
    }

    @JsonIgnore
    public double averageLength() {
        return documentCount == 0 ? 0 : (double) totalLength / documentCount;
    }

    /** The statistics of disjoint parts (partitions) summed. */
    public static Bm25Statistics sum(Collection<Bm25Statistics> parts) {
        long documents = 0;
        long length = 0;
        Map<String, Long> df = new TreeMap<>();
        for (Bm25Statistics part : parts) {
            documents += part.documentCount;
            length += part.totalLength;
            part.documentFrequencies.forEach((term, n) -> df.merge(term, n, Long::sum));
        }
        return new Bm25Statistics(documents, length, df);
    }
}
