package io.spork.api;

import io.javalin.http.Context;

/** Reads and checks query parameters, answering 400 with a precise message when one is wrong. */
final class RequestParams {
    private RequestParams() {
    }

    /** The parameter's one value, null when absent; given twice or empty: 400. */
    static String single(Context ctx, String name) {
        java.util.List<String> values = ctx.queryParams(name);
        if (values.size() > 1) {
            throw ApiException.badRequest("query parameter '" + name + "' is given " + values.size() + " times; give it once");
        }
        if (values.size() == 1 && values.get(0).isEmpty()) {
            throw ApiException.badRequest("query parameter '" + name + "' is empty; give a value or leave it out");
        }
        return values.isEmpty() ? null : values.get(0);
    }

    static String requiredText(Context ctx, String name, int maxChars) {
        String value = single(ctx, name);
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("query parameter '" + name + "' is required, e.g. /search?" + name + "=heart+disease");
        }
        if (characters(value) > maxChars) {
            throw ApiException.badRequest("query parameter '" + name + "' is " + characters(value) + " characters; at most " + maxChars);
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
            throw ApiException.badRequest("query parameter '" + name + "' must be a whole number, got '" + abbreviate(value) + "'");
        }
        if (parsed < min || parsed > max) {
            throw ApiException.badRequest("query parameter '" + name + "' must be between " + min + " and " + max + ", got " + parsed);
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
            default -> throw ApiException.badRequest("query parameter '" + name + "' must be true or false, got '" + abbreviate(value) + "'");
        };
    }

    /** Refuses parameters the endpoint does not know: a typo (kk=5) must not pass silently. */
    static void onlyKnown(Context ctx, java.util.Set<String> known) {
        for (String name : ctx.queryParamMap().keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + abbreviate(name) + "'; this endpoint takes " + new java.util.TreeSet<>(known));
            }
        }
    }

    /** Length in characters (code points), as JSON Schema's maxLength counts them. */
    static int characters(String s) {
        return s.codePointCount(0, s.length());
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
