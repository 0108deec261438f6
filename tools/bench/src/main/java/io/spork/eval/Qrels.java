package io.spork.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relevance judgements: for each query id, the graded documents. A grade above 0 means relevant
 * (trec_eval's default relevance level 1); grade 0 is judged non-relevant. Queries keep the order
 * in which they were first added, the order of the qrels file.
 */
public final class Qrels {
    private final Map<String, Map<String, Integer>> gradesByQuery = new LinkedHashMap<>();

    /** Records one judgement; a second judgement of the same pair replaces the first. */
    public void add(String queryId, String docId, int grade) {
        gradesByQuery.computeIfAbsent(queryId, q -> new LinkedHashMap<>()).put(docId, grade);
    }

    /** Every judged query, in qrels order: the set a mean is taken over. */
    public List<String> queryIds() {
        return List.copyOf(gradesByQuery.keySet());
    }

    public int queryCount() {
        return gradesByQuery.size();
    }

    /** The graded documents of a query, empty for a query without judgements. */
    public Map<String, Integer> grades(String queryId) {
        return Collections.unmodifiableMap(gradesByQuery.getOrDefault(queryId, Map.of()));
    }

    /** The grade of a document for a query; 0 when it was not judged. */
    public int grade(String queryId, String docId) {
        return gradesByQuery.getOrDefault(queryId, Map.of()).getOrDefault(docId, 0);
    }

    /** How many documents of the query have a grade above 0. */
    public int relevantCount(String queryId) {
        return (int) grades(queryId).values().stream().filter(g -> g > 0).count();
    }
}
