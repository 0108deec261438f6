package io.spork.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A retrieval run: the hits of each query. {@link #ranked(String)} orders them the way trec_eval
 * does before it computes anything (score descending, equal scores by document id descending), so
 * metrics and run files agree with trec_eval whatever order the engine returned.
 */
public final class Run {
    /** trec_eval's order: best score first; equal scores by document id, the greater id first. */
    public static final Comparator<RankedHit> TREC_EVAL_ORDER =
            Comparator.comparing(RankedHit::score, Comparator.reverseOrder())
                    .thenComparing(RankedHit::docId, Comparator.reverseOrder());

    private final Map<String, List<RankedHit>> hitsByQuery = new LinkedHashMap<>();

    /** Sets the hits of a query (replacing any earlier ones). */
    public void put(String queryId, List<RankedHit> hits) {
        List<RankedHit> sorted = new ArrayList<>(hits);
        sorted.sort(TREC_EVAL_ORDER);
        hitsByQuery.put(queryId, List.copyOf(sorted));
    }

    /** The hits of a query in trec_eval's order; empty for a query the run has not answered. */
    public List<RankedHit> ranked(String queryId) {
        return hitsByQuery.getOrDefault(queryId, List.of());
    }

    /** Query ids with hits, in the order they were put. */
    public List<String> queryIds() {
        return List.copyOf(hitsByQuery.keySet());
    }

    /** A copy without the hits whose document id equals their query id (BEIR's --remove-query). */
    public Run withoutQueryIdHits() {
        Run copy = new Run();
        hitsByQuery.forEach((query, hits) -> copy.hitsByQuery.put(query,
                hits.stream().filter(h -> !h.docId().equals(query)).toList()));
        return copy;
    }

    /** A copy keeping the first {@code depth} hits of each query in trec_eval's order. */
    public Run truncated(int depth) {
        Run copy = new Run();
        hitsByQuery.forEach((query, hits) -> copy.hitsByQuery.put(query,
                hits.size() <= depth ? hits : List.copyOf(hits.subList(0, depth))));
        return copy;
    }
}
