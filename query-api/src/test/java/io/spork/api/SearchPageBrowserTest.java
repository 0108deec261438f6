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
import io.spork.testing.browser.HeadlessChromium;
import io.spork.testing.browser.RequiresChromium;
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
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The search page end to end in headless Chromium: the embedded stack with three documents, a
 * person typing a query into the page, the ranked hits with why they matched, a search from the
 * URL, and an error from the API shown on the page, driven through Selenium's ChromeDriver.
 * Chromium and its driver come from Debian ({@link RequiresChromium} installs them when missing)
 * and reach nothing but this JVM's server.
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
            ChromeDriver browser = HeadlessChromium.start(profileDir, TARGET.resolve("chromedriver.log"), 1280, 1100, UI);
            try {
                browser.manage().window().setSize(new Dimension(1280, 1100));
                typeAQueryAndClickSearch(browser, base);
                HeadlessChromium.screenshot(browser, TARGET.resolve("search-page.png"));
                switchToBm25(browser);
                HeadlessChromium.screenshot(browser, TARGET.resolve("search-page-bm25.png"));
                searchFromTheUrl(browser, base);
                HeadlessChromium.screenshot(browser, TARGET.resolve("search-page-from-url.png"));
                assertOnlyTheOriginWasContacted(browser, base);
                assertNoConsoleErrors(browser);
                aPartialAnswerIsFlagged(browser);
                HeadlessChromium.screenshot(browser, TARGET.resolve("search-page-partial.png"));
                anApiErrorIsShownReadably(browser, base);
                HeadlessChromium.screenshot(browser, TARGET.resolve("search-page-error.png"));
            } finally {
                browser.quit();
            }
        }
    }

    private static void typeAQueryAndClickSearch(ChromeDriver browser, String base) {
        browser.get(base + "/");
        WebElement box = HeadlessChromium.await(browser, "#q", UI);
        assertTrue(browser.findElements(By.cssSelector(".hit")).isEmpty(), "no hits before a search");
        assertEquals("q", browser.findElement(By.cssSelector("label[for=q]")).getDomAttribute("for"), "the search box has a label");
        box.sendKeys("stadium");
        browser.findElement(By.cssSelector("#search")).click();

        List<WebElement> hits = HeadlessChromium.awaitAll(browser, ".hit", UI);
        assertEquals("stadium", hits.get(0).getDomAttribute("data-id"), "the stadium document ranks first");
        String first = hits.get(0).getText();
        assertTrue(first.contains("Stadium"), "the first hit shows its title: " + first);
        assertTrue(first.contains("floodlights"), "the first hit shows its snippet: " + first);

        // Why it matched: the explained terms of the hit, each with its contribution.
        List<String> matched = texts(hits.get(0).findElements(By.cssSelector(".term")));
        assertFalse(matched.isEmpty(), "the first hit shows the terms that matched");
        assertTrue(matched.stream().anyMatch(t -> t.contains("stadium")), "'stadium' is among the matched terms: " + matched);
        assertTrue(matched.get(0).matches("(?s).*\\d+\\.\\d+.*×.*\\d+\\.\\d+.*=.*\\d+\\.\\d+.*"),
                "a matched term reads 'query weight × document weight = contribution': " + matched.get(0));

        // Hybrid, the default: the hit shows both sides' parts and its BM25 words beside its SPLADE terms.
        List<String> bm25Words = texts(hits.get(0).findElements(By.cssSelector(".bm25-term")));
        assertEquals(1, bm25Words.size(), "the query's one word, in the title and the text: " + bm25Words);
        assertTrue(bm25Words.get(0).contains("stadium") && bm25Words.get(0).contains("tf 2"), bm25Words.get(0));
        assertTrue(matched.size() > bm25Words.size(), "SPLADE terms are shown as well: " + matched);
        String parts = hits.get(0).findElement(By.cssSelector(".parts")).getText();
        assertTrue(parts.contains("SPLADE") && parts.contains("(#1)") && parts.contains("BM25"), "both sides' parts: " + parts);

        // The query's expansion, above the results; 'stadium' is in the text, so it is no expansion term.
        WebElement stadiumTerm = HeadlessChromium.await(browser, "#expansion .qterm[data-token='stadium']", UI);
        assertFalse(stadiumTerm.getDomAttribute("class").contains("expanded"), "a term of the query text is not marked as expansion");

        String status = browser.findElement(By.cssSelector("#status")).getText();
        assertTrue(status.contains(hits.size() + (hits.size() == 1 ? " hit" : " hits")), "the status line counts the hits: " + status);
        assertTrue(status.contains("2/2 partitions") || status.contains("2 of 2 partitions"), "the status line shows the partitions: " + status);
        assertTrue(browser.getCurrentUrl().contains("q=stadium"), "the URL follows the query: " + browser.getCurrentUrl());
    }

    /** BM25 alone: chosen in the page, kept in the URL; hits show their BM25 words and no SPLADE terms. */
    private static void switchToBm25(ChromeDriver browser) {
        browser.executeScript("const m = document.getElementById('mode'); m.value = 'bm25'; m.dispatchEvent(new Event('change'));");
        // Checked inside the page in one step: the list is re-rendered when the answer arrives.
        HeadlessChromium.await(browser, "a BM25 answer", UI, () -> browser.executeScript("return location.search.includes('mode=bm25')"
                + " && document.querySelectorAll('.hit').length > 0 && document.querySelectorAll('.hit .bm25-term').length > 0"
                + " && document.querySelectorAll('.hit .term:not(.bm25-term)').length === 0;").equals(Boolean.TRUE));
        WebElement hit = browser.findElements(By.cssSelector(".hit")).get(0);
        assertEquals("stadium", hit.getDomAttribute("data-id"));
        assertFalse(hit.findElements(By.cssSelector(".bm25-term")).isEmpty(), "the BM25 words of the hit");
        assertTrue(browser.findElement(By.cssSelector("#expansion")).getDomAttribute("hidden") != null, "no SPLADE expansion in bm25 mode");
    }

    private static void searchFromTheUrl(ChromeDriver browser, String base) {
        browser.get(base + "/?q=" + URLEncoder.encode("lovely weather", StandardCharsets.UTF_8));
        HeadlessChromium.await(browser, "the weather document first", UI, () -> {
            List<WebElement> hits = browser.findElements(By.cssSelector(".hit"));
            return !hits.isEmpty() && "weather".equals(hits.get(0).getDomAttribute("data-id"));
        });
        assertEquals("lovely weather", browser.findElement(By.cssSelector("#q")).getDomProperty("value"), "the search box shows the query of the URL");
        assertFalse(browser.findElements(By.cssSelector(".hit"))
                .get(0).findElements(By.cssSelector(".term")).isEmpty(), "the terms that matched are shown for a search from the URL");
    }

    /**
     * The embedded stack always answers from every partition, so the page is handed a partial
     * answer (in place of the server's, inside the page) to show how it warns about one.
     */
    private static void aPartialAnswerIsFlagged(ChromeDriver browser) {
        browser.executeScript("""
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
        WebElement box = browser.findElement(By.cssSelector("#q"));
        box.clear();
        box.sendKeys("stadium");
        browser.findElement(By.cssSelector("#search")).click();
        WebElement warning = HeadlessChromium.await(browser, "#partial:not([hidden])", UI);
        assertTrue(warning.isDisplayed() && warning.getText().contains("1 of 2 partitions"), "a partial answer is flagged: " + warning.getText());
        assertTrue(browser.findElement(By.cssSelector("#status")).getText().contains("1/2 partitions"), browser.findElement(By.cssSelector("#status")).getText());
        WebElement hit = HeadlessChromium.await(browser, ".hit[data-id='untitled-doc']", UI);
        assertTrue(hit.findElement(By.cssSelector(".hit-title")).getText().contains("untitled-doc"), "a hit without a title shows its id");
        assertTrue(browser.findElement(By.cssSelector("#expansion .qterm[data-token='arena']")).getDomAttribute("class").contains("expanded"),
                "a term the query text does not contain is marked as expansion");
    }

    private static void anApiErrorIsShownReadably(ChromeDriver browser, String base) {
        browser.get(base + "/?q=weather&k=0");
        WebElement error = HeadlessChromium.await(browser, "#error:not([hidden])", UI);
        HeadlessChromium.await(browser, "the error message", UI, () -> error.getText().contains("between 1 and"));
        assertTrue(error.isDisplayed(), "the error is visible");
        assertTrue(error.getText().contains("400"), "the error shows its status: " + error.getText());
        assertTrue(browser.findElements(By.cssSelector(".hit")).isEmpty(), "no hits are shown with an error");
    }

    private static void assertOnlyTheOriginWasContacted(ChromeDriver browser, String base) {
        List<?> resources = (List<?>) browser.executeScript(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
        List<String> outside = new ArrayList<>();
        resources.forEach(r -> {
            if (!String.valueOf(r).startsWith(base + "/") && !String.valueOf(r).startsWith("data:")) {
                outside.add(String.valueOf(r));
            }
        });
        assertTrue(outside.isEmpty(), "the page fetched something outside its origin: " + outside);
        assertTrue(resources.size() >= 3, "the page, its script and style and the searches were loaded: " + resources);
    }

    private static void assertNoConsoleErrors(ChromeDriver browser) {
        List<String> severe = new ArrayList<>();
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
            if (Level.SEVERE.equals(entry.getLevel())) {
                severe.add(entry.getMessage());
            }
        }
        assertTrue(severe.isEmpty(), "the page logged errors: " + severe);
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

    private static List<String> texts(List<WebElement> elements) {
        List<String> texts = new ArrayList<>();
        elements.forEach(e -> texts.add(e.getText()));
        return texts;
    }
}
