package io.spork.search;

import io.spork.schema.search.RankedPart;
import io.spork.schema.search.SearchHit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses two exact top-N rankings (SPLADE and BM25) into one, as the search does and as the
 * evaluation's offline sweep does (one implementation for both).
 *
 * <p>Linear fusion: {@code w * norm(splade) + (1 - w) * norm(bm25)}, each side normalised over its
 * own top-N. A document missing from one side's top-N gets that side's lowest normalised value
 * (it scored at most as the last candidate there): 0 under min-max, the last z-score under
 * z-score. A side whose candidates all score the same normalises to 1 (min-max) or 0 (z-score).
 * RRF: {@code w / (rrf_k + rank_splade) + (1 - w) / (rrf_k + rank_bm25)}, a missing side adding 0;
 * at w = 0.5 that is classic RRF, halved.
 */
public final class Fusion {
    private Fusion() {
    }

    /** Both rankings best first (as the engines return them); the fused ranking best first. */
    public static List<SearchHit> fuse(List<SearchHit> splade, List<SearchHit> bm25, FusionSettings settings) {
        Map<String, RankedPart> s = parts(splade, settings);
        Map<String, RankedPart> b = parts(bm25, settings);
        double sMissing = missingValue(s.values(), settings.method());
        double bMissing = missingValue(b.values(), settings.method());
        double w = settings.spladeWeight();
        Map<String, SearchHit> fused = new HashMap<>();
        for (SearchHit d : splade) {
            fused.computeIfAbsent(d.id(), id -> hit(id, s.get(id), b.get(id), w, sMissing, bMissing));
        }
        for (SearchHit d : bm25) {
            fused.computeIfAbsent(d.id(), id -> hit(id, s.get(id), b.get(id), w, sMissing, bMissing));
        }
        List<SearchHit> ranked = new ArrayList<>(fused.values());
        ranked.sort(SearchHit.BEST_FIRST);
        return ranked;
    }

    private static SearchHit hit(String id, RankedPart s, RankedPart b, double w, double sMissing, double bMissing) {
        double score = w * (s == null ? sMissing : s.normalized()) + (1 - w) * (b == null ? bMissing : b.normalized());
        return SearchHit.ranked(id, score, s, b);
    }

    private static Map<String, RankedPart> parts(List<SearchHit> ranking, FusionSettings settings) {
        Map<String, RankedPart> parts = new HashMap<>();
        int n = ranking.size();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (SearchHit d : ranking) {
            min = Math.min(min, d.score());
            max = Math.max(max, d.score());
            sum += d.score();
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (SearchHit d : ranking) {
            squares += (d.score() - mean) * (d.score() - mean);
        }
        double std = n == 0 ? 0 : Math.sqrt(squares / n);
        for (int i = 0; i < n; i++) {
            SearchHit d = ranking.get(i);
            double normalized = switch (settings.method()) {
                case ZSCORE -> std == 0 ? 0 : (d.score() - mean) / std;
                case MINMAX -> max == min ? 1 : (d.score() - min) / (max - min);
                case RRF -> 1.0 / (settings.rrfK() + i + 1);
            };
            // A ranking may repeat an id only during a partition hand-over; its first (best) place counts.
            parts.putIfAbsent(d.id(), new RankedPart((float) d.score(), i + 1, normalized));
        }
        return parts;
    }

    private static double missingValue(Iterable<RankedPart> parts, FusionMethod method) {
        if (method == FusionMethod.RRF) {
            return 0;
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (RankedPart p : parts) {
            lowest = Math.min(lowest, p.normalized());
        }
        return lowest == Double.POSITIVE_INFINITY ? 0 : lowest;
    }
}
