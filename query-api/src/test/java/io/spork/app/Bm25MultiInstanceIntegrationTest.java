package io.spork.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.dev.EmbeddedKafkaBroker;
import io.spork.encoder.EncoderSettings;
import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.TestModels;
import io.spork.topology.TopologyObserver;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
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
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BM25 across two instances and four partitions equals one Lucene index of the same documents
 * (EnglishAnalyzer, BM25Similarity 0.9/0.4, title and text in one field), score for score, on both
 * instances: the statistics are the cluster's, gathered per query. A hybrid answer is the same on
 * both instances, and hits held by the other instance are dressed and explained by it.
 */
class Bm25MultiInstanceIntegrationTest {
    private static final int PARTITIONS = 4;
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final String[] WORDS = {"heart", "disease", "cells", "protein", "cancer", "risk", "running", "mice",
            "gene", "expression", "blood", "pressure", "vitamin", "immune", "response", "studies", "the", "of", "is", "in"};
    private static final List<String> QUERIES = List.of("heart disease risk", "immune cells of mice", "protein expression protein",
            "vitamin and blood pressure", "running studies");

    @TempDir
    Path dir;

    @Test
    void bm25ScoresEqualOneLuceneIndexOnEveryInstance() throws Exception {
        List<String[]> corpus = corpus(36);
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"));
             SporkNode a = SporkNode.start(config(broker), dir.resolve("state-a"), TopologyObserver.NONE);
             SporkNode b = SporkNode.start(config(broker), dir.resolve("state-b"), TopologyObserver.NONE)) {
            HttpJson httpA = new HttpJson(a.baseUrl());
            HttpJson httpB = new HttpJson(b.baseUrl());
            for (String[] doc : corpus) {
                assertEquals(202, httpA.post("/documents", "{\"id\": \"" + doc[0] + "\", \"title\": \"" + doc[1] + "\", \"text\": \""
                        + doc[2] + "\"}").status());
            }
            Eventually.await("both instances serving all partitions, every document indexed", SETTLE, () ->
                    a.streams().indexes().partitions().size() + b.streams().indexes().partitions().size() == PARTITIONS
                            && a.streams().indexes().documentCount() + b.streams().indexes().documentCount() == corpus.size()
                            && !bm25(httpA, "heart").get("partial").asBoolean() && !bm25(httpB, "heart").get("partial").asBoolean());
            assertTrue(a.streams().indexes().documentCount() > 0 && b.streams().indexes().documentCount() > 0,
                    "documents are spread over both instances");
            for (String q : QUERIES) {
                List<String> expected = lucene(corpus, q);
                assertEquals(expected, hits(bm25(httpA, q)), "BM25 of '" + q + "' on instance a");
                assertEquals(expected, hits(bm25(httpB, q)), "BM25 of '" + q + "' on instance b");
                JsonNode hybridA = httpA.get("/search?k=10&explain=true&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).body();
                JsonNode hybridB = httpB.get("/search?k=10&explain=true&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).body();
                assertFalse(hybridA.get("partial").asBoolean());
                assertEquals(hybridA.get("hits"), hybridB.get("hits"), "the same hybrid answer on both instances for '" + q + "'");
                for (JsonNode hit : hybridA.get("hits")) {
                    assertTrue(hit.has("title"), "every hit dressed, by whichever instance holds it: " + hit);
                    if (hit.get("parts").has("bm25")) {
                        double sum = 0;
                        for (JsonNode t : hit.get("bm25_explain")) {
                            sum += t.get("contribution").asDouble();
                        }
                        assertEquals(hit.get("parts").get("bm25").get("score").asDouble(), sum, 1e-5, hit.toString());
                    }
                }
            }
        }
    }

    private static JsonNode bm25(HttpJson http, String q) {
        return http.get("/search?mode=bm25&k=100&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).body();
    }

    /** "id score" of each hit, the score as the float it is. */
    private static List<String> hits(JsonNode answer) {
        List<String> hits = new ArrayList<>();
        answer.get("hits").forEach(h -> hits.add(h.get("id").asText() + " " + (float) h.get("score").asDouble()));
        return hits;
    }

    private static List<String[]> corpus(int size) {
        java.util.Random random = new java.util.Random(42);
        List<String[]> corpus = new ArrayList<>();
        for (int d = 0; d < size; d++) {
            StringBuilder text = new StringBuilder();
            int words = 2 + random.nextInt(70);
            for (int w = 0; w < words; w++) {
                text.append(WORDS[(int) Math.floor(Math.pow(random.nextDouble(), 2) * WORDS.length)]).append(' ');
            }
            corpus.add(new String[] {"doc-" + d, WORDS[random.nextInt(WORDS.length)] + " study", text.toString().trim()});
        }
        return corpus;
    }

    /** One Lucene index of the corpus; hits ordered by score, equal scores by id ascending (Spork's order). */
    private static List<String> lucene(List<String[]> corpus, String q) throws IOException {
        BM25Similarity similarity = new BM25Similarity(0.9f, 0.4f);
        try (Analyzer english = new EnglishAnalyzer(); ByteBuffersDirectory directory = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(english).setSimilarity(similarity))) {
                for (String[] d : corpus) {
                    Document doc = new Document();
                    doc.add(new StringField("id", d[0], Field.Store.YES));
                    doc.add(new TextField("contents", d[1] + " " + d[2], Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                BooleanQuery.Builder query = new BooleanQuery.Builder();
                try (TokenStream tokens = english.tokenStream("contents", q)) {
                    CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
                    tokens.reset();
                    while (tokens.incrementToken()) {
                        query.add(new TermQuery(new Term("contents", term.toString())), BooleanClause.Occur.SHOULD);
                    }
                    tokens.end();
                }
                List<ScoreDoc> top = new ArrayList<>(List.of(searcher.search(query.build(), 100).scoreDocs));
                List<String[]> scored = new ArrayList<>();
                for (ScoreDoc sd : top) {
                    scored.add(new String[] {searcher.storedFields().document(sd.doc).get("id"), Float.toString(sd.score)});
                }
                scored.sort((x, y) -> {
                    int byScore = Float.compare(Float.parseFloat(y[1]), Float.parseFloat(x[1]));
                    return byScore != 0 ? byScore : x[0].compareTo(y[0]);
                });
                return scored.stream().map(s -> s[0] + " " + Float.parseFloat(s[1])).toList();
            }
        }
    }

    private SporkConfig config(EmbeddedKafkaBroker broker) {
        return SporkConfig.builder()
                .set(KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(HttpSettings.PORT, "0")
                .set(TopicSettings.PARTITIONS, Integer.toString(PARTITIONS))
                .set(KafkaSettings.NUM_STANDBY_REPLICAS, "0")
                .build();
    }
}
