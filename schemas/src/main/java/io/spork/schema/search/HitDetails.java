package io.spork.schema.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What the instance holding a hit adds to it: title, snippet and, when explain is asked for, the
 * SPLADE per-term products and the BM25 per-term contributions (null: not asked, or no such side).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HitDetails(String id, String title, String snippet, List<TermContribution> explain,
                         @JsonProperty("bm25_explain") List<Bm25Contribution> bm25Explain) {
}
