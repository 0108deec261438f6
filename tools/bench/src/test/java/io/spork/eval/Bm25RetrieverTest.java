package io.spork.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.junit.jupiter.api.Test;

class Bm25RetrieverTest {
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void aRepeatedQueryTermGetsOneClausePerOccurrence() throws Exception {
        try (EnglishAnalyzer analyzer = new EnglishAnalyzer()) {
            BooleanQuery query = (BooleanQuery) Bm25Retriever.bagOfWords(analyzer, "The cats and the cat's CAT");
            // "the" and "and" are stop words; possessive, case and plural all stem to "cat".
            assertEquals(List.of("contents:cat", "contents:cat", "contents:cat"),
                    query.clauses().stream().map(c -> c.getQuery().toString()).toList());
            assertTrue(query.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.SHOULD));
        }
    }

    @Test
    void ranksTheMatchingDocumentFirst() {
        List<BeirDocument> corpus = List.of(
                new BeirDocument("d1", "Volcanoes", "Magma rises and the volcano erupts."),
                new BeirDocument("d2", "Photosynthesis", "Plants turn sunlight into sugar."),
                new BeirDocument("d3", "", "Cats sleep most of the day."));
        List<EvalQuery> queries = List.of(new EvalQuery("q1", "why do volcanoes erupt"), new EvalQuery("q2", "stop words only: the and of"));

        RetrievalOutcome outcome = new Bm25Retriever(QUIET).retrieve(corpus, queries, 10);

        assertEquals("d1", outcome.run().ranked("q1").get(0).docId());
        assertEquals(1, outcome.run().ranked("q1").size());
        assertEquals(List.of(), outcome.run().ranked("q2"));
        assertEquals(3, outcome.documentsIndexed());
        assertEquals(2, outcome.latency().count());
    }
}
