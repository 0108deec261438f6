package io.spork.fusion;

import java.util.Comparator;

/**
 * A document of the fused ranking: its fused score and each side's part, null for a side whose
 * top-N it was not in. Best first by fused score, equal scores by id ascending, as every ranking in Spork.
 */
public record FusedHit(String id, double score, RankedPart splade, RankedPart bm25) {
    public static final Comparator<FusedHit> BEST_FIRST =
            Comparator.comparingDouble(FusedHit::score).reversed().thenComparing(FusedHit::id);
}
