package io.spork.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import io.spork.search.RequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become HTTP answers: each {@link RequestException.Reason} its
 * status code, every error a JSON {@link ApiError}; anything unexpected a logged 500.
 */
final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static int status(RequestException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case UNAUTHORIZED -> 401;
            case NOT_FOUND -> 404;
            case UNAVAILABLE -> 503;
        };
    }

    static void install(RoutesConfig routes) {
        routes.exception(RequestException.class, (e, ctx) -> {
            int status = status(e.reason());
            ctx.status(status).json(new ApiError(status, e.getMessage()));
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) {
                ctx.header("Allow", String.join(", ", e.getDetails().getOrDefault("availableMethods", "").split(",\\s*")));
            }
            ctx.status(e.getStatus()).json(new ApiError(e.getStatus(), e.getMessage()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (clientWentAway(e)) {
                // E.g. a peer that gave up on its search phase (http.peer-timeout-ms) mid-request: not our failure.
                LOG.warn("{} {}: the client closed the connection before its request was read ({})", ctx.method(), ctx.path(), e.toString());
                ctx.status(400).json(new ApiError(400, "the request ended before its body was complete"));
                return;
            }
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500).json(new ApiError(500, "internal error: " + e.getMessage()));
        });
    }

    /** Jetty reports a request body cut short by its client as an {@link java.io.EOFException}. */
    static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }
}
