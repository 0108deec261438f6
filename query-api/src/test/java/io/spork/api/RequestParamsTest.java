package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.testing.HttpJson;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Query parameters read and checked, with the message each mistake gets, through real HTTP on a bare Javalin. */
class RequestParamsTest {
    private static BareServer server;
    private static HttpJson http;

    @BeforeAll
    static void start() {
        server = BareServer.start(routes -> routes.get("/p", ctx -> {
            RequestParams.onlyKnown(ctx, Set.of("q", "k", "explain"));
            ctx.json(Map.of("q", RequestParams.requiredText(ctx, "q", 5), "k", RequestParams.intInRange(ctx, "k", 10, 1, 100),
                    "explain", RequestParams.bool(ctx, "explain")));
        }));
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String error(String query) {
        HttpJson.Response answer = http.get("/p?" + query);
        assertEquals(400, answer.status(), query);
        return answer.body().get("error").asText();
    }

    @Test
    void valuesAndDefaults() {
        HttpJson.Response answer = http.get("/p?q=ab&k=%2042&explain=true");
        assertEquals(200, answer.status());
        assertEquals("ab", answer.body().get("q").asText());
        assertEquals(42, answer.body().get("k").asInt(), "surrounding blanks are trimmed");
        assertEquals(true, answer.body().get("explain").asBoolean());
        HttpJson.Response defaults = http.get("/p?q=ab");
        assertEquals(10, defaults.body().get("k").asInt());
        assertEquals(false, defaults.body().get("explain").asBoolean());
        assertEquals(200, http.get("/p?q=%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80").status(),
                "five characters outside the BMP are five characters");
    }

    @Test
    void eachMistakeIsNamed() {
        assertEquals("unknown query parameter 'kk'; this endpoint takes [explain, k, q]", error("q=a&kk=5"));
        assertEquals("query parameter 'q' is required, e.g. /search?q=heart+disease", error("k=5"));
        assertEquals("query parameter 'q' is required, e.g. /search?q=heart+disease", error("q=%20%20"));
        assertEquals("query parameter 'q' is 6 characters; at most 5", error("q=abcdef"));
        assertEquals("query parameter 'q' is given 2 times; give it once", error("q=a&q=b"));
        assertEquals("query parameter 'k' is empty; give a value or leave it out", error("q=a&k="));
        assertEquals("query parameter 'k' must be a whole number, got 'ten'", error("q=a&k=ten"));
        assertEquals("query parameter 'k' must be between 1 and 100, got 101", error("q=a&k=101"));
        assertEquals("query parameter 'explain' must be true or false, got 'yes'", error("q=a&explain=yes"));
        String longName = "x".repeat(70);
        assertEquals("unknown query parameter '" + "x".repeat(57) + "...'; this endpoint takes [explain, k, q]", error("q=a&" + longName + "=1"));
    }
}
