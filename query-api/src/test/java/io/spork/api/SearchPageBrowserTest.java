package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.app.DevStack;
import io.spork.config.SporkConfig;
import io.spork.testing.Eventually;
import io.spork.testing.HttpJson;
import io.spork.testing.TestModels;
import io.spork.testing.browser.ChromeDriverProcess;
import io.spork.testing.browser.ChromiumInstallation;
import io.spork.testing.browser.RequiresChromium;
import io.spork.testing.browser.WebDriverSession;
import io.spork.testing.browser.WebDriverSession.Element;
import io.spork.topology.TopologyObserver;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search page end to end in headless Chromium: the embedded stack with three documents, a
 * person typing a query into the page, the ranked hits with why they matched, a search from the
 * URL, and an error from the API shown on the page. Chromium comes from Debian
 * ({@link RequiresChromium} installs it when missing) and reaches nothing but this JVM's server.
 * Leaves a screenshot in {@code target/search-page.png}.
 */
@ExtendWith(RequiresChromium.class)
class SearchPageBrowserTest {
    private static final Duration INDEXED = Duration.ofSeconds(30);
    private static final Duration UI = Duration.ofSeconds(20);
    private static final Path TARGET = Path.of("target");

    @TempDir
    Path dataDir;

    @TempDir
    Path profileDir;

    @Test
    void aPersonSearchesFromThePageAndSeesWhyEachHitMatched() throws IOException {
        SporkConfig config = SporkConfig.builder()
                .set("encoder.model-dir", TestModels.spladeTiny().toString())
                .set("http.port", "0")
                .set("topics.partitions", "2")
                .build();
        try (DevStack stack = DevStack.start(config, dataDir, TopologyObserver.NONE)) {
            HttpJson http = new HttpJson(stack.node().baseUrl());
            Eventually.await("/ready", INDEXED, () -> http.get("/ready").status() == 200);
            post(http, "stadium", "Stadium", "Fans filled the stadium to watch the football match under the floodlights.");
            post(http, "weather", "Weather", "The weather is lovely today: sunny and warm with a light breeze.");
            post(http, "library", "Library", "A quiet afternoon reading books in the public library.");
            Eventually.await("three documents searchable", INDEXED,
                    () -> http.get("/stats").body().get("documents").asInt() == 3
                            && firstHit(http.search("stadium", 3)).equals("stadium"));

            // The browser talks to the loopback address only (the server listens on 127.0.0.1).
            String base = "http://127.0.0.1:" + stack.node().httpPort();
            assertServesThePage(base);
            assertServesTheOpenApiDocument(http);
            try (ChromeDriverProcess driver = ChromeDriverProcess.start(ChromiumInstallation.CHROMEDRIVER,
                    TARGET.resolve("chromedriver.log"))) {
                try (WebDriverSession browser = WebDriverSession.open(driver.url(), capabilities(profileDir))) {
                    browser.windowSize(1280, 1100);
                    typeAQueryAndClickSearch(browser, base);
                    browser.screenshot(TARGET.resolve("search-page.png"));
                    switchToBm25(browser);
                    browser.screenshot(TARGET.resolve("search-page-bm25.png"));
                    searchFromTheUrl(browser, base);
                    browser.screenshot(TARGET.resolve("search-page-from-url.png"));
                    assertOnlyTheOriginWasContacted(browser, base);
                    assertNoConsoleErrors(browser);
                    aPartialAnswerIsFlagged(browser);
                    browser.screenshot(TARGET.resolve("search-page-partial.png"));
                    anApiErrorIsShownReadably(browser, base);
                    browser.screenshot(TARGET.resolve("search-page-error.png"));
                }
            }
        }
    }

    private static void typeAQueryAndClickSearch(WebDriverSession browser, String base) {
        browser.navigate(base + "/");
        Element box = browser.await("#q", UI);
        assertTrue(browser.findAll(".hit").isEmpty(), "no hits before a search");
        assertEquals("q", browser.find("label[for=q]").attribute("for"), "the search box has a label");
        box.sendKeys("stadium");
        browser.find("#search").click();

        List<Element> hits = browser.awaitAll(".hit", UI);
        assertEquals("stadium", hits.get(0).attribute("data-id"), "the stadium document ranks first");
        String first = hits.get(0).text();
        assertTrue(first.contains("Stadium"), "the first hit shows its title: " + first);
        assertTrue(first.contains("floodlights"), "the first hit shows its snippet: " + first);

        // Why it matched: the explained terms of the hit, each with its contribution.
        List<String> matched = texts(hits.get(0).findAll(".term"));
        assertFalse(matched.isEmpty(), "the first hit shows the terms that matched");
        assertTrue(matched.stream().anyMatch(t -> t.contains("stadium")), "'stadium' is among the matched terms: " + matched);
        assertTrue(matched.get(0).matches("(?s).*\\d+\\.\\d+.*×.*\\d+\\.\\d+.*=.*\\d+\\.\\d+.*"),
                "a matched term reads 'query weight × document weight = contribution': " + matched.get(0));

        // Hybrid, the default: the hit shows both sides' parts and its BM25 words beside its SPLADE terms.
        List<String> bm25Words = texts(hits.get(0).findAll(".bm25-term"));
        assertEquals(1, bm25Words.size(), "the query's one word, in the title and the text: " + bm25Words);
        assertTrue(bm25Words.get(0).contains("stadium") && bm25Words.get(0).contains("tf 2"), bm25Words.get(0));
        assertTrue(matched.size() > bm25Words.size(), "SPLADE terms are shown as well: " + matched);
        String parts = hits.get(0).find(".parts").text();
        assertTrue(parts.contains("SPLADE") && parts.contains("(#1)") && parts.contains("BM25"), "both sides' parts: " + parts);

        // The query's expansion, above the results; 'stadium' is in the text, so it is no expansion term.
        Element stadiumTerm = browser.await("#expansion .qterm[data-token='stadium']", UI);
        assertFalse(stadiumTerm.attribute("class").contains("expanded"), "a term of the query text is not marked as expansion");

        String status = browser.find("#status").text();
        assertTrue(status.contains(hits.size() + (hits.size() == 1 ? " hit" : " hits")), "the status line counts the hits: " + status);
        assertTrue(status.contains("2/2 partitions") || status.contains("2 of 2 partitions"), "the status line shows the partitions: " + status);
        assertTrue(browser.currentUrl().contains("q=stadium"), "the URL follows the query: " + browser.currentUrl());
    }

    /** BM25 alone: chosen in the page, kept in the URL; hits show their BM25 words and no SPLADE terms. */
    private static void switchToBm25(WebDriverSession browser) {
        browser.execute("const m = document.getElementById('mode'); m.value = 'bm25'; m.dispatchEvent(new Event('change'));");
        // Checked inside the page in one step: the list is re-rendered when the answer arrives.
        browser.await("a BM25 answer", UI, () -> browser.execute("return location.search.includes('mode=bm25')"
                + " && document.querySelectorAll('.hit').length > 0 && document.querySelectorAll('.hit .bm25-term').length > 0"
                + " && document.querySelectorAll('.hit .term:not(.bm25-term)').length === 0;").asBoolean());
        Element hit = browser.findAll(".hit").get(0);
        assertEquals("stadium", hit.attribute("data-id"));
        assertFalse(hit.findAll(".bm25-term").isEmpty(), "the BM25 words of the hit");
        assertTrue(browser.find("#expansion").attribute("hidden") != null, "no SPLADE expansion in bm25 mode");
    }

    private static void searchFromTheUrl(WebDriverSession browser, String base) {
        browser.navigate(base + "/?q=" + URLEncoder.encode("lovely weather", StandardCharsets.UTF_8));
        browser.await("the weather document first", UI, () -> {
            List<Element> hits = browser.findAll(".hit");
            return !hits.isEmpty() && "weather".equals(hits.get(0).attribute("data-id"));
        });
        assertEquals("lovely weather", browser.find("#q").property("value"), "the search box shows the query of the URL");
        assertFalse(browser.findAll(".hit")
                .get(0).findAll(".term").isEmpty(), "the terms that matched are shown for a search from the URL");
    }

    /**
     * The embedded stack always answers from every partition, so the page is handed a partial
     * answer (in place of the server's, inside the page) to show how it warns about one.
     */
    private static void aPartialAnswerIsFlagged(WebDriverSession browser) {
        browser.execute("""
                const canned = {query: 'stadium', k: 10, offset: 0,
                  query_terms: [{token: 'stadium', id: 8346, weight: 2.1}, {token: 'arena', id: 5196, weight: 0.4}],
                  hits: [{id: 'untitled-doc', score: 1.5,
                           explain: [{token: 'stadium', id: 8346, query_weight: 2.1, document_weight: 0.71, contribution: 1.5}]}],
                  partitions: {answered: 1, total: 2}, partial: true, took_ms: 2.5};
                const realFetch = window.fetch;
                window.fetch = (url, options) => String(url).startsWith('/search?')
                  ? Promise.resolve(new Response(JSON.stringify(canned), {status: 200, headers: {'Content-Type': 'application/json'}}))
                  : realFetch(url, options);
                """);
        Element box = browser.find("#q");
        box.clear();
        box.sendKeys("stadium");
        browser.find("#search").click();
        Element warning = browser.await("#partial:not([hidden])", UI);
        assertTrue(warning.displayed() && warning.text().contains("1 of 2 partitions"), "a partial answer is flagged: " + warning.text());
        assertTrue(browser.find("#status").text().contains("1/2 partitions"), browser.find("#status").text());
        Element hit = browser.await(".hit[data-id='untitled-doc']", UI);
        assertTrue(hit.find(".hit-title").text().contains("untitled-doc"), "a hit without a title shows its id");
        assertTrue(browser.find("#expansion .qterm[data-token='arena']").attribute("class").contains("expanded"),
                "a term the query text does not contain is marked as expansion");
    }

    private static void anApiErrorIsShownReadably(WebDriverSession browser, String base) {
        browser.navigate(base + "/?q=weather&k=0");
        Element error = browser.await("#error:not([hidden])", UI);
        browser.await("the error message", UI, () -> error.text().contains("between 1 and"));
        assertTrue(error.displayed(), "the error is visible");
        assertTrue(error.text().contains("400"), "the error shows its status: " + error.text());
        assertTrue(browser.findAll(".hit").isEmpty(), "no hits are shown with an error");
    }

    private static void assertOnlyTheOriginWasContacted(WebDriverSession browser, String base) {
        JsonNode resources = browser.execute(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
        List<String> outside = new ArrayList<>();
        resources.forEach(r -> {
            if (!r.asText().startsWith(base + "/") && !r.asText().startsWith("data:")) {
                outside.add(r.asText());
            }
        });
        assertTrue(outside.isEmpty(), "the page fetched something outside its origin: " + outside);
        assertTrue(resources.size() >= 3, "the page, its script and style and the searches were loaded: " + resources);
    }

    private static void assertNoConsoleErrors(WebDriverSession browser) {
        List<String> severe = new ArrayList<>();
        for (JsonNode entry : browser.browserLog()) {
            if ("SEVERE".equals(entry.path("level").asText())) {
                severe.add(entry.path("message").asText());
            }
        }
        assertTrue(severe.isEmpty(), "the page logged errors: " + severe);
    }

    private static Map<String, Object> capabilities(Path profileDir) {
        List<String> args = List.of(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
                "--disable-extensions", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                "--no-default-browser-check", "--metrics-recording-only", "--disable-features=Translate,OptimizationHints,MediaRouter",
                // No name resolves except through the loopback: nothing outside this machine can be reached by name.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
                "--window-size=1280,1100",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        Map<String, Object> chrome = new LinkedHashMap<>();
        chrome.put("binary", ChromiumInstallation.CHROMIUM.toString());
        chrome.put("args", args);
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("browserName", "chrome");
        caps.put("goog:chromeOptions", chrome);
        caps.put("goog:loggingPrefs", Map.of("browser", "ALL"));
        caps.put("timeouts", Map.of("implicit", 0, "pageLoad", UI.toMillis(), "script", UI.toMillis()));
        return caps;
    }

    private static void assertServesThePage(String base) {
        try {
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/")).timeout(UI).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode(), "GET / must serve the search page (static files of /public on the classpath): "
                    + page.body());
            assertTrue(page.body().contains("id=\"q\""), "GET / serves the search page");
        } catch (IOException e) {
            throw new IllegalStateException("GET / failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertServesTheOpenApiDocument(HttpJson http) {
        HttpJson.Response answer = http.get("/openapi.json");
        assertEquals(200, answer.status(), "GET /openapi.json");
        JsonNode doc = answer.body();
        assertEquals("3.0.3", doc.path("openapi").asText());
        for (String path : List.of("/search", "/documents", "/documents/{id}", "/stats", "/health", "/ready", "/metrics", "/openapi.json")) {
            assertTrue(doc.path("paths").has(path), "the OpenAPI document describes " + path);
        }
        List<String> dangling = new ArrayList<>();
        doc.findValues("$ref").forEach(ref -> {
            if (!ref.asText().startsWith("#/") || doc.at(ref.asText().substring(1)).isMissingNode()) {
                dangling.add(ref.asText());
            }
        });
        assertTrue(dangling.isEmpty(), "every $ref of the OpenAPI document resolves: " + dangling);
    }

    private static void post(HttpJson http, String id, String title, String text) {
        String body = "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"text\": \"" + text + "\", \"fields\": {\"source\": \"browser-test\"}}";
        assertEquals(202, http.post("/documents", body).status(), "POST /documents " + id);
    }

    private static String firstHit(HttpJson.Response response) {
        JsonNode hits = response.body().path("hits");
        return hits.isEmpty() ? "" : hits.get(0).path("id").asText();
    }

    private static List<String> texts(List<Element> elements) {
        List<String> texts = new ArrayList<>();
        elements.forEach(e -> texts.add(e.text()));
        return texts;
    }
}
