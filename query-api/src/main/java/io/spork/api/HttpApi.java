package io.spork.api;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.DocumentEventParser;
import io.spork.topology.SporkStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP API of one Spork instance (Javalin). Every error answer is JSON ({@link ApiError}). */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final Javalin app;

    private HttpApi(Javalin app) {
        this.app = app;
    }

    public static HttpApi start(SporkConfig config, SpladeEncoder encoder, SporkStreams streams, DocumentPublisher publisher) {
        SearchResource search = new SearchResource(encoder, streams,
                config.getInt(ConfigKeys.HTTP_MAX_K), config.getInt(ConfigKeys.HTTP_MAX_QUERY_CHARS));
        DocumentResource documents = new DocumentResource(publisher,
                new DocumentEventParser(config.getLong(ConfigKeys.VALIDATION_MAX_TEXT_BYTES)));
        StatusResource status = new StatusResource(streams, encoder);
        Javalin app = Javalin.create(cfg -> {
            cfg.jetty.host = config.get(ConfigKeys.HTTP_HOST);
            cfg.jetty.port = config.getInt(ConfigKeys.HTTP_PORT);
            cfg.http.maxRequestSize = config.getLong(ConfigKeys.HTTP_MAX_BODY_BYTES);
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/search", search::search);
            cfg.routes.post("/documents", documents::post);
            cfg.routes.delete("/documents/{id}", documents::delete);
            cfg.routes.get("/stats", status::stats);
            cfg.routes.get("/health", status::health);
            cfg.routes.get("/ready", status::ready);
            cfg.routes.exception(ApiException.class, (e, ctx) ->
                    ctx.status(e.status()).json(new ApiError(e.status(), e.getMessage())));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) ->
                    ctx.status(e.getStatus()).json(new ApiError(e.getStatus(), e.getMessage())));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(new ApiError(500, "internal error: " + e.getMessage()));
            });
        });
        app.start();
        return new HttpApi(app);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
