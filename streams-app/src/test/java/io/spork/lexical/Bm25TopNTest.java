package io.spork.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.index.ScoredDocument;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** BM25 top-n of one partition: best first, ties by id, dead documents and empty queries give nothing. */
class Bm25TopNTest {
    private final LexicalDocuments documents = new LexicalDocuments(0);
    private final Map<String, TermPostings> postings = new HashMap<>();

    private void add(String id, int length, Map<String, Integer> frequencies) {
        int ordinal = documents.add(id, length);
        frequencies.forEach((term, tf) -> postings.computeIfAbsent(term, t -> new TermPostings()).add(ordinal, tf));
    }

    @Test
    void ranksByBm25WithTiesByIdAndSkipsDeadDocuments() {
        add("z", 4, Map.of("heart", 2));
        add("a", 4, Map.of("heart", 2));
        add("m", 4, Map.of("heart", 1, "risk", 1));
        add("dead", 4, Map.of("heart", 5, "risk", 5));
        add("other", 4, Map.of("cell", 3));
        documents.remove("dead");
        Bm25Statistics statistics = new Bm25Statistics(4, 16, Map.of("heart", 3L, "risk", 1L));
        Bm25Scoring scoring = new Bm25Scoring(Bm25Query.of(List.of("heart", "risk")), statistics, new Bm25Parameters(0.9f, 0.4f));
        List<ScoredDocument> hits = Bm25TopN.search(postings, documents, scoring, 10);
        assertEquals(List.of("m", "a", "z"), hits.stream().map(ScoredDocument::id).toList());
        assertEquals(hits.get(1).score(), hits.get(2).score(), "a and z tie, a first");
        float heart1 = scoring.terms().get(0).score(1, 4);
        float risk1 = scoring.terms().get(1).score(1, 4);
        assertEquals((float) ((double) heart1 + risk1), hits.get(0).score());
        assertEquals(List.of("m", "a"), Bm25TopN.search(postings, documents, scoring, 2).stream().map(ScoredDocument::id).toList());
        assertEquals(List.of(), Bm25TopN.search(postings, documents, scoring, 0));
    }
}
