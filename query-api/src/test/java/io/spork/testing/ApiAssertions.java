package io.spork.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the API's JSON error answers. */
public final class ApiAssertions {
    private ApiAssertions() {
    }

    /** The answer has this status, and a JSON error body whose message contains the fragment. */
    public static void assertError(HttpJson.Response r, int status, String fragment) {
        assertEquals(status, r.status(), String.valueOf(r.body()));
        assertEquals(status, r.body().get("status").asInt());
        assertTrue(r.body().get("error").asText().contains(fragment), r.body().toString());
    }
}
