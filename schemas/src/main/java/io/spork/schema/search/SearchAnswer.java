package io.spork.schema.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code GET} and {@code POST /search}, as the OpenAPI document describes it. A part
 * a mode does not have is null and left out: the query text for raw terms, the fusion outside
 * hybrid, the query's terms in BM25 mode, the BM25 terms in SPLADE mode.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchAnswer(String query, int k, int offset, String mode, Fusion fusion,
                           @JsonProperty("query_terms") List<QueryTerm> queryTerms,
                           @JsonProperty("bm25_terms") List<Bm25Term> bm25Terms,
                           List<SearchHit> hits, Partitions partitions, boolean partial,
                           @JsonProperty("took_ms") double tookMs) {
    /** How a hybrid search fused: the method, the SPLADE side's weight, RRF's constant (rrf only) and the candidates per side. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fusion(String method, double weight, @JsonProperty("rrf_k") Integer rrfK, int candidates) {
    }

    /** An analysed query term, its count and, when some document holds it, its cluster-wide df (else 0) and idf. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bm25Term(String term, int count, @JsonProperty("document_frequency") long documentFrequency, Float idf) {
    }

    /** How many partitions answered, of how many. */
    public record Partitions(int answered, int total) {
    }
}
