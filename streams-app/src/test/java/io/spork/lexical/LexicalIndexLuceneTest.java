package io.spork.lexical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.index.ScoredDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;

/**
 * BM25 from partitioned lexical indexes, with statistics summed over the partitions, equals one
 * Lucene index of the same documents (EnglishAnalyzer, BM25Similarity k1 = 0.9, b = 0.4), score
 * for score, however the documents are split.
 */
class LexicalIndexLuceneTest {
    private static final String[] WORDS = {"heart", "disease", "cells", "protein", "cancer", "risk", "the", "of", "running",
            "runs", "mice", "studies", "gene", "expression", "blood", "pressure", "vitamin", "immune", "response", "is"};
    private static final List<String> QUERIES = List.of(
            "heart disease risk", "the cells of the immune response", "protein protein expression", "running mice",
            "vitamin D and blood pressure", "unknownword gene", "studies");

    private final LexicalAnalyzer analyzer = new LexicalAnalyzer();

    @Test
    void scoresEqualOneLuceneIndexForEverySplit() throws IOException {
        Map<String, String[]> corpus = corpus(60, 7);
        corpus.remove("d13");
        for (int partitions : new int[] {1, 3, 5}) {
            List<LexicalIndex> parts = split(corpus, partitions);
            for (String q : QUERIES) {
                assertSameRanking(q, corpus, parts);
            }
        }
    }

    @Test
    void deletedAndReplacedDocumentsLeaveNoTraceInScoresOrStatistics() throws IOException {
        Map<String, String[]> corpus = corpus(40, 11);
        List<LexicalIndex> parts = split(corpus, 3);
        // Replace d1, delete d2: the indexes must then equal a fresh index of what is left.
        LexicalIndex p1 = parts.get(partitionOf("d1", 3));
        p1.remove("d1", analyzer.document(corpus.get("d1")[0], corpus.get("d1")[1]));
        corpus.put("d1", new String[] {"vitamin", "vitamin vitamin blood gene"});
        p1.add("d1", analyzer.document("vitamin", "vitamin vitamin blood gene"));
        LexicalIndex p2 = parts.get(partitionOf("d2", 3));
        assertTrue(p2.remove("d2", analyzer.document(corpus.get("d2")[0], corpus.get("d2")[1])));
        assertFalse(p2.remove("d2", analyzer.document(corpus.get("d2")[0], corpus.get("d2")[1])), "a second delete changes nothing");
        corpus.remove("d2");
        for (String q : QUERIES) {
            assertSameRanking(q, corpus, parts);
        }
    }

    private void assertSameRanking(String q, Map<String, String[]> corpus, List<LexicalIndex> parts) throws IOException {
        Bm25Query query = Bm25Query.of(analyzer.queryTerms(q));
        List<Bm25Statistics> stats = new ArrayList<>();
        parts.forEach(p -> stats.add(p.statistics(query.termCounts().keySet())));
        Bm25Scoring scoring = new Bm25Scoring(query, Bm25Statistics.sum(stats), Bm25Parameters.DEFAULT);
        List<ScoredDocument> mine = new ArrayList<>();
        parts.forEach(p -> mine.addAll(p.search(scoring, 1000)));
        mine.sort(ScoredDocument.BEST_FIRST);
        List<ScoredDocument> lucene = lucene(corpus, q);
        assertEquals(lucene.size(), mine.size(), "hits of '" + q + "'");
        for (int i = 0; i < lucene.size(); i++) {
            assertEquals(lucene.get(i).score(), mine.get(i).score(), 0f, "score at rank " + i + " of '" + q + "'");
        }
        assertEquals(lucene, mine, "ranking of '" + q + "'");
    }

    private List<LexicalIndex> split(Map<String, String[]> corpus, int partitions) {
        List<LexicalIndex> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(new LexicalIndex(p));
        }
        corpus.forEach((id, doc) -> parts.get(partitionOf(id, partitions)).add(id, analyzer.document(doc[0], doc[1])));
        return parts;
    }

    private static int partitionOf(String id, int partitions) {
        return Math.floorMod(id.hashCode() * 31 + 7, partitions);
    }

    /** Random titles and texts of 1 to 120 words (lengths on both sides of Lucene's exact norm range). */
    private static Map<String, String[]> corpus(int size, long seed) {
        Random random = new Random(seed);
        Map<String, String[]> corpus = new LinkedHashMap<>();
        for (int d = 0; d < size; d++) {
            StringBuilder text = new StringBuilder();
            int words = 1 + random.nextInt(120);
            for (int w = 0; w < words; w++) {
                text.append(WORDS[(int) Math.floor(Math.pow(random.nextDouble(), 2) * WORDS.length)]).append(w % 9 == 8 ? ". " : " ");
            }
            corpus.put("d" + d, new String[] {d % 3 == 0 ? "" : WORDS[random.nextInt(WORDS.length)] + " study", text.toString()});
        }
        return corpus;
    }

    /** One Lucene index of the whole corpus, the query one SHOULD clause per analysed token, as Pyserini builds it. */
    private static List<ScoredDocument> lucene(Map<String, String[]> corpus, String q) throws IOException {
        BM25Similarity similarity = new BM25Similarity(0.9f, 0.4f);
        try (Analyzer english = new EnglishAnalyzer(); ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(english).setSimilarity(similarity))) {
                for (Map.Entry<String, String[]> e : corpus.entrySet()) {
                    Document doc = new Document();
                    doc.add(new StringField("id", e.getKey(), Field.Store.YES));
                    doc.add(new TextField("contents", e.getValue()[0] + " " + e.getValue()[1], Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                BooleanQuery.Builder query = new BooleanQuery.Builder();
                for (String term : new LexicalAnalyzer().queryTerms(q)) {
                    query.add(new TermQuery(new Term("contents", term)), BooleanClause.Occur.SHOULD);
                }
                TopDocs top = searcher.search(query.build(), 1000);
                List<ScoredDocument> hits = new ArrayList<>();
                for (ScoreDoc sd : top.scoreDocs) {
                    hits.add(new ScoredDocument(searcher.storedFields().document(sd.doc).get("id"), sd.score));
                }
                hits.sort(ScoredDocument.BEST_FIRST);
                return hits;
            }
        }
    }
}
