package io.spork.api;

import static io.spork.testing.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.app.DevStack;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
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
                .set(ConfigKeys.ENCODER_MODEL_DIR, TestModels.spladeTiny().toString())
                .set(ConfigKeys.HTTP_PORT, "0")
                .set(ConfigKeys.TOPICS_PARTITIONS, "3")
                .set(ConfigKeys.HTTP_MAX_BODY_BYTES, Integer.toString(MAX_BODY))
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
        JsonNode body = http.get("/search?q=football+stadium&k=2&explain=true").body();
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
