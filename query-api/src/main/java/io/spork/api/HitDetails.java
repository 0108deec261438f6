package io.spork.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.spork.lexical.Bm25TermScore;
import java.util.List;

/**
 * Phase three: what the instance holding a hit adds to it: title, snippet and, when explain is
 * asked for, the SPLADE per-term products and the BM25 per-term contributions.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HitDetails(String id, String title, String snippet, List<TermContribution> explain,
                         @JsonProperty("bm25_explain") List<Bm25TermScore> bm25Explain) {
}
