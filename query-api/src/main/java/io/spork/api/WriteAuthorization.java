package io.spork.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.spork.search.RequestException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards the write endpoints with a bearer token when one is configured (http.write-token):
 * a POST or DELETE without {@code Authorization: Bearer <token>} is refused with 401. Reads stay open.
 */
final class WriteAuthorization {
    private static final String PREFIX = "Bearer ";

    private final byte[] token;

    WriteAuthorization(String configuredToken) {
        this.token = configuredToken == null || configuredToken.isEmpty() ? null : configuredToken.getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        if (token == null || ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD) {
            return;
        }
        String header = ctx.header("Authorization");
        boolean ok = header != null && header.startsWith(PREFIX)
                // Constant-time comparison: the answer's timing must not reveal the token.
                && MessageDigest.isEqual(token, header.substring(PREFIX.length()).getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new RequestException(RequestException.Reason.UNAUTHORIZED, "this endpoint needs the header 'Authorization: Bearer <token>' with the token set in http.write-token");
        }
    }
}
