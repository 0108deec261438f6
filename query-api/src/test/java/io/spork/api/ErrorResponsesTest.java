package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.search.RequestException;
import io.spork.search.RequestException.Reason;
import io.spork.testing.HttpJson;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The one mapping of failures to HTTP answers, through real HTTP on a bare Javalin. */
class ErrorResponsesTest {
    private static BareServer server;
    private static HttpJson http;

    @BeforeAll
    static void start() {
        server = BareServer.start(routes -> {
            routes.get("/refuse/{reason}", ctx -> {
                throw new RequestException(Reason.valueOf(ctx.pathParam("reason")), "because " + ctx.pathParam("reason"));
            });
            routes.get("/bug", ctx -> {
                throw new IllegalStateException("a bug");
            });
            routes.get("/only-get", ctx -> ctx.json(Map.of()));
            routes.get("/cut-short", ctx -> {
                throw new java.io.UncheckedIOException(new java.io.EOFException("Early EOF"));
            });
        });
        http = server.http();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyReasonHasItsStatusAndAJsonBody() {
        Map<Reason, Integer> expected = Map.of(Reason.INVALID, 400, Reason.UNAUTHORIZED, 401, Reason.NOT_FOUND, 404,
                Reason.UNAVAILABLE, 503);
        assertEquals(Reason.values().length, expected.size(), "every reason is mapped");
        expected.forEach((reason, status) -> {
            assertEquals(status, ErrorResponses.status(reason));
            HttpJson.Response answer = http.get("/refuse/" + reason.name());
            assertEquals(status, answer.status(), reason.name());
            assertEquals(status, answer.body().get("status").asInt());
            assertEquals("because " + reason.name(), answer.body().get("error").asText());
        });
    }

    @Test
    void anUnexpectedFailureIsA500AndJavalinsOwnErrorsAreJsonToo() {
        HttpJson.Response bug = http.get("/bug");
        assertEquals(500, bug.status());
        assertEquals("internal error: a bug", bug.body().get("error").asText());
        HttpJson.Response missing = http.get("/nowhere");
        assertEquals(404, missing.status());
        assertEquals(404, missing.body().get("status").asInt());
        HttpJson.Response wrongMethod = http.post("/only-get", "{}");
        assertEquals(405, wrongMethod.status());
        assertEquals(405, wrongMethod.body().get("status").asInt());
    }

    @Test
    void aRequestItsClientCutShortIsA400NotAServerError() {
        HttpJson.Response cut = http.get("/cut-short");
        assertEquals(400, cut.status());
        assertEquals("the request ended before its body was complete", cut.body().get("error").asText());
        assertEquals(false, ErrorResponses.clientWentAway(new IllegalStateException("a bug")));
    }
}
