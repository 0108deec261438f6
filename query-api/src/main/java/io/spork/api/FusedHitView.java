package io.spork.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.spork.fusion.RankedPart;
import io.spork.lexical.Bm25TermScore;
import java.util.List;

/**
 * One hit of a hybrid or BM25 search: the fused (or BM25) score, each side's part (its own score,
 * rank in its top-N and normalised value; absent for a side whose top-N it was not in) and, with
 * explain, the per-term parts of both sides.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FusedHitView(String id, double score, String title, String snippet, Parts parts, List<TermContribution> explain,
                           @JsonProperty("bm25_explain") List<Bm25TermScore> bm25Explain) {

    /** The sides' parts of a hit. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parts(RankedPart splade, RankedPart bm25) {
    }
}
