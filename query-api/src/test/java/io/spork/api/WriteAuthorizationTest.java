package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.testing.HttpJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The bearer-token guard of the write endpoints, through real HTTP on a bare Javalin. */
class WriteAuthorizationTest {
    private static BareServer server(String token) {
        WriteAuthorization writes = new WriteAuthorization(token);
        return BareServer.start(routes -> {
            routes.before("/documents*", writes::check);
            routes.post("/documents", ctx -> ctx.status(202).json(java.util.Map.of("id", "x")));
            routes.get("/documents/{id}", ctx -> ctx.json(java.util.Map.of("id", ctx.pathParam("id"))));
        });
    }

    @Test
    void writesNeedTheTokenReadsDoNot() throws Exception {
        try (BareServer app = server("s3cret")) {
            HttpJson http = app.http();
            HttpJson.Response refused = http.post("/documents", "{}");
            assertEquals(401, refused.status());
            assertTrue(refused.body().get("error").asText().contains("Authorization: Bearer"));
            assertEquals(401, post(app, "Bearer wrong"));
            assertEquals(401, post(app, "s3cret"));
            assertEquals(202, post(app, "Bearer s3cret"));
            assertEquals(200, http.get("/documents/a").status());
        }
    }

    @Test
    void noTokenConfiguredLeavesWritesOpen() throws Exception {
        try (BareServer app = server("")) {
            assertEquals(202, post(app, null));
        }
    }

    private static int post(BareServer app, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.url("/documents")))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
