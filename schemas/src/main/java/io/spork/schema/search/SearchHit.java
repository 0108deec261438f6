package io.spork.schema.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Comparator;
import java.util.List;

/**
 * One hit of a search as the API answers it, in every mode and at every step: a candidate (id and
 * its side's score, as instances exchange them), then ranked (each side's part in a fused or BM25
 * ranking; null in SPLADE mode), then dressed with title, snippet and, when asked, the per-term
 * explanations. Fields not known (yet) are null and left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchHit(String id, double score, String title, String snippet, Parts parts, List<TermContribution> explain,
                        @JsonProperty("bm25_explain") List<Bm25Contribution> bm25Explain) {
    /**
     * The one order of every ranking in Spork: best score first, equal scores by id ascending, so
     * per-partition lists merge into the same global order on every instance.
     */
    public static final Comparator<SearchHit> BEST_FIRST =
            Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::id);

    /** The sides' parts of a ranked hit (null for a side whose top-N it was not in). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parts(RankedPart splade, RankedPart bm25) {
    }

    public static SearchHit of(String id, double score) {
        return new SearchHit(id, score, null, null, null, null, null);
    }

    public static SearchHit ranked(String id, double score, RankedPart splade, RankedPart bm25) {
        return new SearchHit(id, score, null, null, new Parts(splade, bm25), null, null);
    }

    /** This hit with what its holder added (nothing when the holder did not answer or no longer holds it). */
    public SearchHit dressed(HitDetails details) {
        return details == null ? this
                : new SearchHit(id, score, details.title(), details.snippet(), parts, details.explain(), details.bm25Explain());
    }
}
