package io.spork.api;

import static io.spork.testing.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.app.DevStack;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.kafka.TopicSettings;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.TestModels;
import io.spork.topology.TopologyObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query API through HTTP on the embedded stack: search variants, documents, metrics, OpenAPI, errors. */
class SearchApiIntegrationTest {
    private static final Duration INDEXED = Duration.ofSeconds(30);
    private static final int MAX_BODY = 64 * 1024;
    private static Path dataDir;
    private static DevStack stack;
    private static HttpJson http;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("spork-api-test");
        SporkConfig config = SporkConfig.builder()
                .set(EncoderSettings.MODEL_DIR, TestModels.spladeTiny().toString())
                .set(HttpSettings.PORT, "0")
                .set(TopicSettings.PARTITIONS, "3")
                .set(HttpSettings.MAX_BODY_BYTES, Integer.toString(MAX_BODY))
                .build();
        stack = DevStack.start(config, dataDir, TopologyObserver.NONE);
        http = new HttpJson(stack.node().baseUrl());
        Eventually.await("ready", INDEXED, () -> http.get("/ready").status() == 200);
        http.post("/documents", "{\"id\": \"stadium\", \"title\": \"Match day\", \"text\": \"He drove to the stadium to watch the football team play.\", \"fields\": {\"lang\": \"en\"}}");
        http.post("/documents", "{\"id\": \"weather\", \"title\": \"Forecast\", \"text\": \"The weather is lovely today, sunny and warm.\"}");
        http.post("/documents", "{\"id\": \"library\", \"title\": \"Reading\", \"text\": \"A quiet afternoon reading books in the library.\"}");
        Eventually.await("three documents", INDEXED, () -> http.get("/stats").body().get("documents").asInt() == 3);
    }

    @AfterAll
    static void stop() throws Exception {
        stack.close();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void searchExplainsMatchesAndShowsTheExpansion() {
        JsonNode body = http.get("/search?q=football+stadium&k=2&explain=true&mode=splade").body();
        assertEquals("splade", body.get("mode").asText());
        assertEquals("stadium", body.get("hits").get(0).get("id").asText());
        assertEquals(3, body.get("partitions").get("answered").asInt());
        assertEquals(3, body.get("partitions").get("total").asInt());
        assertFalse(body.get("partial").asBoolean());
        JsonNode hit = body.get("hits").get(0);
        assertTrue(hit.get("snippet").asText().contains("stadium"), hit.toString());
        double sum = 0;
        for (JsonNode term : hit.get("explain")) {
            assertEquals(term.get("query_weight").asDouble() * term.get("document_weight").asDouble(), term.get("contribution").asDouble(), 1e-4);
            sum += term.get("contribution").asDouble();
        }
        assertEquals(hit.get("score").asDouble(), sum, 1e-3, "the contributions add up to the score");
        assertTrue(body.get("query_terms").size() > 2, "the query expands beyond its two words");
    }

    @Test
    void hybridIsTheDefaultAndExplainsBothSides() {
        JsonNode body = http.get("/search?q=football+stadium&k=2&explain=true").body();
        assertEquals("hybrid", body.get("mode").asText());
        assertEquals("zscore", body.get("fusion").get("method").asText());
        assertEquals(100, body.get("fusion").get("candidates").asInt());
        assertFalse(body.get("partial").asBoolean());
        JsonNode hit = body.get("hits").get(0);
        assertEquals("stadium", hit.get("id").asText());
        assertTrue(hit.get("snippet").asText().contains("stadium"), hit.toString());
        JsonNode splade = hit.get("parts").get("splade");
        JsonNode bm25 = hit.get("parts").get("bm25");
        assertEquals(1, splade.get("rank").asInt());
        assertEquals(1, bm25.get("rank").asInt());
        double spladeSum = 0;
        for (JsonNode term : hit.get("explain")) {
            spladeSum += term.get("contribution").asDouble();
        }
        assertEquals(splade.get("score").asDouble(), spladeSum, 1e-3, "SPLADE's per-term products add up to its part");
        double bm25Sum = 0;
        List<String> matched = new ArrayList<>();
        for (JsonNode term : hit.get("bm25_explain")) {
            bm25Sum += term.get("contribution").asDouble();
            matched.add(term.get("term").asText());
            assertEquals(1, term.get("frequency").asInt());
            assertEquals(1, term.get("document_frequency").asInt(), "one document of three holds it");
        }
        assertEquals(List.of("footbal", "stadium"), matched.stream().sorted().toList(), "Porter stems, as Lucene's EnglishAnalyzer");
        assertEquals(bm25.get("score").asDouble(), bm25Sum, 1e-5, "BM25's per-term contributions add up to its part");
        assertEquals("stadium", body.get("bm25_terms").get(1).get("term").asText());
        assertEquals(3, body.get("partitions").get("answered").asInt(), "statistics and candidates from every partition");
        for (int i = 1; i < body.get("hits").size(); i++) {
            JsonNode other = body.get("hits").get(i);
            assertTrue(other.get("parts").get("bm25") == null, "no other document holds either word: " + other);
            assertTrue(other.get("bm25_explain").isEmpty(), other.toString());
        }
    }

    @Test
    void bm25ModeRunsNoModelAndScoresLexically() {
        JsonNode body = http.get("/search?q=sunny+weather&mode=bm25&k=5").body();
        assertEquals("bm25", body.get("mode").asText());
        assertFalse(body.has("query_terms"), "no SPLADE expansion in bm25 mode");
        assertEquals(1, body.get("hits").size(), "only one document holds either word");
        JsonNode hit = body.get("hits").get(0);
        assertEquals("weather", hit.get("id").asText());
        assertEquals((float) hit.get("score").asDouble(), hit.get("parts").get("bm25").get("score").floatValue(), 0f);
        assertFalse(hit.get("parts").has("splade"));
        JsonNode none = http.get("/search?q=the+of+and&mode=bm25").body();
        assertEquals(0, none.get("hits").size(), "stop words only: nothing to match");
        assertEquals(0, none.get("bm25_terms").size());
    }

    @Test
    void hybridPagesAreSlicesOfOneRanking() {
        for (String fusion : List.of("zscore", "minmax", "rrf")) {
            List<String> all = ids(http.get("/search?q=reading+the+day&k=3&fusion=" + fusion));
            assertTrue(all.size() >= 2, "BM25 alone finds 'read' in library and 'dai' in stadium: " + all);
            assertEquals(all.subList(1, all.size()), ids(http.get("/search?q=reading+the+day&k=2&offset=1&fusion=" + fusion)), fusion);
            HttpJson.Response posted = http.post("/search", "{\"text\": \"reading the day\", \"k\": 1, \"offset\": 1, \"fusion\": \""
                    + fusion + "\", \"weight\": 0.5}");
            assertEquals(all.subList(1, 2), ids(posted), fusion);
        }
        assertEquals(List.of("library"), ids(http.get("/search?q=reading+weather&k=1&weight=0&candidates=3")),
                "weight 0: BM25's order, and library holds 'read' twice where weather holds 'weather' once");
    }

    @Test
    void postSearchWithTextOrRawTermsAndPaging() {
        JsonNode byText = http.post("/search", "{\"text\": \"sunny weather\", \"k\": 1}").body();
        assertEquals("weather", byText.get("hits").get(0).get("id").asText());
        JsonNode byTerms = http.post("/search", "{\"terms\": {\"library\": 2.0, \"2338\": 0.5}, \"k\": 3}").body();
        assertEquals("library", byTerms.get("hits").get(0).get("id").asText());
        List<String> all = ids(http.get("/search?q=the+day&k=3"));
        List<String> second = ids(http.get("/search?q=the+day&k=1&offset=1"));
        assertEquals(all.subList(1, 2), second);
    }

    @Test
    void getDocumentReturnsStoredFieldsAndVector() {
        JsonNode doc = http.get("/documents/stadium").body();
        assertEquals("Match day", doc.get("title").asText());
        assertEquals("en", doc.get("fields").get("lang").asText());
        assertTrue(doc.get("vector").size() > 10);
        assertEquals(404, http.get("/documents/nope").status());
    }

    @Test
    void metricsAndOpenApiAreServed() {
        http.get("/search?q=library");
        HttpJson.Response openapi = http.get("/openapi.json");
        assertEquals(200, openapi.status());
        assertTrue(openapi.body().get("paths").has("/search"));
        JsonNode parameters = openapi.body().get("components").get("parameters");
        for (String p : List.of("Mode", "Fusion", "Weight", "RrfK", "Candidates")) {
            assertTrue(parameters.has(p), "the OpenAPI document describes the search parameter " + p);
        }
        assertTrue(openapi.body().get("components").get("schemas").has("Bm25TermScore"));
        String metrics = new io.spork.testing.HttpText(stack.node().baseUrl()).get("/metrics");
        assertTrue(metrics.contains("spork_search_duration_seconds_count"), "query latency histogram");
        assertTrue(metrics.contains("spork_indexing_lag_seconds_bucket"), "indexing lag histogram");
        assertTrue(metrics.contains("spork_documents_indexed_total 3.0"), metrics.lines().filter(l -> l.contains("indexed")).toList().toString());
        assertTrue(metrics.contains("spork_encode_batch_size_count"));
    }

    @Test
    void badRequestsGetActionableJsonErrors() {
        assertError(http.get("/search?q=x&kk=3"), 400, "unknown query parameter 'kk'");
        assertError(http.get("/search?q=x&k=1000000000"), 400, "between 1 and");
        assertError(http.get("/search?q=x&k=-1"), 400, "between 1 and");
        assertError(http.get("/search?q=x&explain=maybe"), 400, "true or false");
        assertError(http.get("/search?q=" + "x".repeat(5000)), 400, "at most");
        assertError(http.post("/search", "{\"text\": \"a\", \"terms\": {\"a\": 1}}"), 400, "either 'text'");
        assertError(http.post("/search", "{\"terms\": {\"weather\": 0}}"), 400, "must be a number > 0");
        assertError(http.post("/search", "{\"terms\": {\"weather\": 1e31}}"), 400, "at most");
        assertError(http.post("/search", "{\"text\": \"a\", \"limit\": 3}"), 400, "unknown field 'limit'");
        assertError(http.post("/search", "[1]"), 400, "JSON object");
        assertError(http.get("/search?q=x&mode=dense"), 400, "unknown search mode 'dense'");
        assertError(http.get("/search?q=x&fusion=borda"), 400, "unknown fusion method 'borda'");
        assertError(http.get("/search?q=x&weight=1.5"), 400, "between 0 and 1");
        assertError(http.get("/search?q=x&rrf_k=0"), 400, "'rrf_k' must be a whole number between 1 and");
        assertError(http.get("/search?q=x&candidates=0"), 400, "'candidates' must be a whole number between 1 and");
        assertError(http.post("/search", "{\"terms\": {\"library\": 1}, \"mode\": \"hybrid\"}"), 400, "no text for BM25");
        assertError(http.post("/documents", "{\"id\": \"big\", \"text\": \"" + "x".repeat(MAX_BODY) + "\"}"), 413, "");
    }


    @Test
    void contractEdgesAreAnsweredAsTheOpenApiDocumentStates() throws Exception {
        JsonNode unknownToken = http.post("/search", "{\"terms\": {\"notatokenatall\": 1, \"weather\": 1.5}}").body();
        assertEquals(List.of("weather"), unknownToken.findValuesAsText("token"), "a key that is no token matches nothing and is left out");
        assertEquals("weather", unknownToken.get("hits").get(0).get("id").asText());
        assertEquals(0, http.post("/search", "{\"terms\": {\"\": 1}}").body().get("hits").size(), "an empty token matches nothing");

        JsonNode lastPage = http.get("/search?q=library&k=10&offset=995").body();
        assertEquals(5, lastPage.get("k").asInt(), "a page reaching past http.max-k is cut at rank http.max-k");
        assertEquals(995, lastPage.get("offset").asInt());
        assertError(http.get("/search?q=library&offset=1000"), 400, "between 0 and 999");
        assertError(http.get("/search?q=x&explain=yes"), 400, "true or false");

        assertError(http.post("/documents", "{\"id\": \"weather\", \"op\": \"delete\"}"), 400, "DELETE /documents/{id}");
        assertEquals(200, http.get("/documents/weather").status(), "the refused delete did nothing");

        java.net.http.HttpResponse<String> trace = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.node().baseUrl() + "/search"))
                        .method("TRACE", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(405, trace.statusCode());
        assertTrue(trace.body().contains("\"status\":405"), trace.body());
        assertEquals("GET, POST", trace.headers().firstValue("Allow").orElse(""));
    }

    private static List<String> ids(HttpJson.Response r) {
        List<String> ids = new ArrayList<>();
        r.body().get("hits").forEach(h -> ids.add(h.get("id").asText()));
        return ids;
    }
}
