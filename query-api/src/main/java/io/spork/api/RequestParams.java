package io.spork.api;

import io.javalin.http.Context;
import io.spork.search.RequestException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads and checks query parameters, refusing a wrong one with a precise message. */
final class RequestParams {
    private RequestParams() {
    }

    /** The parameter's one value, null when absent; given twice or empty: 400. */
    static String single(Context ctx, String name) {
        List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw RequestException.invalid("query parameter '" + name + "' is given " + values.size() + " times; give it once");
        }
        if (values.size() == 1 && values.get(0).isEmpty()) {
            throw RequestException.invalid("query parameter '" + name + "' is empty; give a value or leave it out");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    static String requiredText(Context ctx, String name, int maxChars) {
        String value = single(ctx, name);
        if (value == null || value.isBlank()) {
            throw RequestException.invalid("query parameter '" + name + "' is required, e.g. /search?" + name + "=heart+disease");
        }
        if (characters(value) > maxChars) {
            throw RequestException.invalid("query parameter '" + name + "' is " + characters(value) + " characters; at most " + maxChars);
        }
        return value;
    }

    static int intInRange(Context ctx, String name, int defaultValue, int min, int max) {
        String value = single(ctx, name);
        if (value == null) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw RequestException.invalid("query parameter '" + name + "' must be a whole number, got '" + RequestException.abbreviate(value) + "'");
        }
        if (parsed < min || parsed > max) {
            throw RequestException.invalid("query parameter '" + name + "' must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    static boolean bool(Context ctx, String name) {
        String value = single(ctx, name);
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw RequestException.invalid("query parameter '" + name + "' must be true or false, got '" + RequestException.abbreviate(value) + "'");
        };
    }

    /** Refuses parameters the endpoint does not know: a typo (kk=5) must not pass silently. */
    static void onlyKnown(Context ctx, Set<String> known) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                throw RequestException.invalid("unknown query parameter '" + RequestException.abbreviate(name) + "'; this endpoint takes " + new TreeSet<>(known));
            }
        }
    }

    /** Length in characters (code points), as JSON Schema's maxLength counts them. */
    static int characters(String s) {
        return s.codePointCount(0, s.length());
    }
}
