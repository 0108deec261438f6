package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.spork.testing.HttpJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The bearer-token guard of the write endpoints, through real HTTP on a bare Javalin. */
class WriteAuthorizationTest {
    private static Javalin server(String token) {
        WriteAuthorization writes = new WriteAuthorization(token);
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.routes.before("/documents*", writes::check);
            cfg.routes.post("/documents", ctx -> ctx.status(202).json(java.util.Map.of("id", "x")));
            cfg.routes.get("/documents/{id}", ctx -> ctx.json(java.util.Map.of("id", ctx.pathParam("id"))));
            ErrorResponses.install(cfg.routes);
        }).start(0);
    }

    @Test
    void writesNeedTheTokenReadsDoNot() throws Exception {
        Javalin app = server("s3cret");
        try {
            HttpJson http = new HttpJson("http://127.0.0.1:" + app.port());
            HttpJson.Response refused = http.post("/documents", "{}");
            assertEquals(401, refused.status());
            assertTrue(refused.body().get("error").asText().contains("Authorization: Bearer"));
            assertEquals(401, post(app, "Bearer wrong"));
            assertEquals(401, post(app, "s3cret"));
            assertEquals(202, post(app, "Bearer s3cret"));
            assertEquals(200, http.get("/documents/a").status());
        } finally {
            app.stop();
        }
    }

    @Test
    void noTokenConfiguredLeavesWritesOpen() throws Exception {
        Javalin app = server("");
        try {
            assertEquals(202, post(app, null));
        } finally {
            app.stop();
        }
    }

    private static int post(Javalin app, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/documents"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
