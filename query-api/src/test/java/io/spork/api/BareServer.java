package io.spork.api;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.spork.testing.HttpJson;
import java.util.function.Consumer;

/** A bare Javalin on a free loopback port with the API's error mapping: one piece of the HTTP layer over real HTTP. */
final class BareServer implements AutoCloseable {
    private final Javalin app;

    private BareServer(Javalin app) {
        this.app = app;
    }

    static BareServer start(Consumer<RoutesConfig> routes) {
        return new BareServer(Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.http.prefer405over404 = true;
            routes.accept(cfg.routes);
            ErrorResponses.install(cfg.routes);
        }).start(0));
    }

    String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    HttpJson http() {
        return new HttpJson(url(""));
    }

    @Override
    public void close() {
        app.stop();
    }
}
