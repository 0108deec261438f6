package io.spork.schema.search;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much one shared term adds to a hit's SPLADE score: query weight × document weight. */
public record TermContribution(
        String token,
        int id,
        @JsonProperty("query_weight") float queryWeight,
        @JsonProperty("document_weight") float documentWeight,
        float contribution) {
}
