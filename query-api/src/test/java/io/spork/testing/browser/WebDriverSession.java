package io.spork.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * A minimal W3C WebDriver client over {@code java.net.http}: one browser session on a driver
 * (chromedriver). Enough for end-to-end tests of a page: navigate, find elements by CSS, type,
 * click, read text and attributes, run a script, take a screenshot. {@link #close()} deletes the
 * session, which ends the browser.
 */
public final class WebDriverSession implements AutoCloseable {
    /** The key under which W3C WebDriver gives an element reference. */
    static final String ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MS = 50;

    private final HttpClient client;
    private final URI session;
    private boolean closed;

    private WebDriverSession(HttpClient client, URI session) {
        this.client = client;
        this.session = session;
    }

    /** Creates a session; {@code capabilities} becomes {@code capabilities.alwaysMatch}. */
    public static WebDriverSession open(URI driver, Map<String, Object> capabilities) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectNode body = JSON.createObjectNode();
        body.putObject("capabilities").set("alwaysMatch", JSON.valueToTree(capabilities));
        JsonNode value = send(client, "POST", driver.resolve("/session"), body);
        String id = value.path("sessionId").asText();
        if (id.isEmpty()) {
            throw new WebDriverException("no sessionId in the new-session answer: " + value);
        }
        return new WebDriverSession(client, URI.create(driver.toString().replaceAll("/$", "") + "/session/" + id + "/"));
    }

    public void navigate(String url) {
        command("POST", "url", Map.of("url", url));
    }

    public String currentUrl() {
        return command("GET", "url", null).asText();
    }

    public String title() {
        return command("GET", "title", null).asText();
    }

    /** Sets the outer size of the browser window. */
    public void windowSize(int width, int height) {
        command("POST", "window/rect", Map.of("width", width, "height", height));
    }

    /** The first element matching a CSS selector now, or a {@link WebDriverException} ("no such element"). */
    public Element find(String css) {
        return element(command("POST", "element", Map.of("using", "css selector", "value", css)));
    }

    /** Every element matching a CSS selector now (possibly none). */
    public List<Element> findAll(String css) {
        return elements(command("POST", "elements", Map.of("using", "css selector", "value", css)));
    }

    /** Waits (bounded) until at least one element matches, and returns all that do. */
    public List<Element> awaitAll(String css, Duration timeout) {
        List<Element> found = new ArrayList<>();
        await("an element matching '" + css + "'", timeout, () -> {
            found.clear();
            found.addAll(findAll(css));
            return !found.isEmpty();
        });
        return found;
    }

    public Element await(String css, Duration timeout) {
        return awaitAll(css, timeout).get(0);
    }

    /** Polls a condition until it holds; fails with what was awaited and {@code detail} at the time-out. */
    public void await(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Boolean.TRUE.equals(condition.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + " on " + currentUrl());
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted waiting for " + what);
            }
        }
    }

    /** Runs a synchronous script in the page; {@code arguments} are passed as {@code arguments[i]}. */
    public JsonNode execute(String script, Object... arguments) {
        List<Object> args = new ArrayList<>();
        for (Object a : arguments) {
            args.add(a instanceof Element e ? Map.of(ELEMENT_KEY, e.id()) : a);
        }
        return command("POST", "execute/sync", Map.of("script", script, "args", args));
    }

    /** A PNG of the viewport, written to {@code file}. */
    public void screenshot(Path file) throws IOException {
        byte[] png = Base64.getDecoder().decode(command("GET", "screenshot", null).asText());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, png);
    }

    /**
     * The browser's console log since the last call (chromedriver's {@code se/log}, needs the
     * capability {@code goog:loggingPrefs}); each entry has {@code level} and {@code message}.
     */
    public List<JsonNode> browserLog() {
        List<JsonNode> entries = new ArrayList<>();
        command("POST", "se/log", Map.of("type", "browser")).forEach(entries::add);
        return entries;
    }

    /** An element of the page, by its WebDriver reference. */
    public final class Element {
        private final String id;

        private Element(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }

        public void click() {
            command("POST", "element/" + id + "/click", Map.of());
        }

        /** Types text into the element, as a person would (key events). */
        public void sendKeys(String text) {
            command("POST", "element/" + id + "/value", Map.of("text", text));
        }

        public void clear() {
            command("POST", "element/" + id + "/clear", Map.of());
        }

        /** The rendered text, as a person sees it. */
        public String text() {
            return command("GET", "element/" + id + "/text", null).asText();
        }

        /** An attribute, or null when the element has none. */
        public String attribute(String name) {
            JsonNode v = command("GET", "element/" + id + "/attribute/" + name, null);
            return v.isNull() ? null : v.asText();
        }

        /** A DOM property (e.g. {@code value} of an input), or null. */
        public String property(String name) {
            JsonNode v = command("GET", "element/" + id + "/property/" + name, null);
            return v.isNull() ? null : v.asText();
        }

        public boolean displayed() {
            return command("GET", "element/" + id + "/displayed", null).asBoolean();
        }

        public Element find(String css) {
            return element(command("POST", "element/" + id + "/element", Map.of("using", "css selector", "value", css)));
        }

        public List<Element> findAll(String css) {
            return elements(command("POST", "element/" + id + "/elements", Map.of("using", "css selector", "value", css)));
        }
    }

    private Element element(JsonNode ref) {
        String id = ref.path(ELEMENT_KEY).asText();
        if (id.isEmpty()) {
            throw new WebDriverException("not an element reference: " + ref);
        }
        return new Element(id);
    }

    private List<Element> elements(JsonNode refs) {
        List<Element> list = new ArrayList<>();
        refs.forEach(ref -> list.add(element(ref)));
        return list;
    }

    private JsonNode command(String method, String path, Object body) {
        if (closed) {
            throw new WebDriverException("the session is closed");
        }
        return send(client, method, session.resolve(path), body);
    }

    private static JsonNode send(HttpClient client, String method, URI uri, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(COMMAND_TIMEOUT)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .method(method, publisher)
                    .build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            JsonNode value = json.path("value");
            if (response.statusCode() != 200) {
                throw new WebDriverException(method + " " + uri.getPath() + " answered " + response.statusCode() + ": "
                        + value.path("error").asText("?") + ": " + value.path("message").asText(response.body()));
            }
            return value;
        } catch (IOException e) {
            throw new WebDriverException(method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebDriverException("interrupted during " + method + " " + uri, e);
        }
    }

    /** Deletes the session (ends the browser); safe to call twice. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            send(client, "DELETE", URI.create(session.toString().replaceAll("/$", "")), null);
        } finally {
            closed = true;
        }
    }

    /** A WebDriver command that failed, with the driver's error code and message. */
    public static final class WebDriverException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public WebDriverException(String message) {
            super(message);
        }

        public WebDriverException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
