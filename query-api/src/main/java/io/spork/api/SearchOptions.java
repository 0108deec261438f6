package io.spork.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.spork.search.FusionMethod;
import io.spork.search.FusionSettings;
import io.spork.search.RequestException;
import io.spork.search.SearchDefaults;
import io.spork.search.SearchMode;
import java.util.Set;
import java.util.function.Function;

/**
 * A search's mode and fusion, from the request or the configured defaults: {@code mode},
 * {@code fusion} (zscore, minmax, rrf), {@code weight} (the SPLADE side's, 0..1), {@code rrf_k}
 * (1..10000) and {@code candidates} (each side's top-N, 1..http.max-k), as GET parameters or POST fields.
 */
record SearchOptions(SearchMode mode, FusionSettings fusion) {
    static final Set<String> NAMES = Set.of("mode", "fusion", "weight", "rrf_k", "candidates");
    static final int MAX_RRF_K = 10_000;

    /** From GET parameters. */
    static SearchOptions of(Context ctx, SearchDefaults defaults, int maxK) {
        return parse(ctx::queryParam, defaults, maxK, "query parameter");
    }

    /** From the fields of a POST body: strings for mode and fusion, numbers for the rest, as the OpenAPI document says. */
    static SearchOptions of(JsonNode body, SearchDefaults defaults, int maxK) {
        return parse(name -> {
            JsonNode v = body.get(name);
            if (v == null) {
                return null;
            }
            boolean textual = name.equals("mode") || name.equals("fusion");
            boolean integral = name.equals("rrf_k") || name.equals("candidates");
            if (textual ? !v.isTextual() : integral ? !v.isIntegralNumber() : !v.isNumber()) {
                throw RequestException.invalid("field '" + name + "' must be " + (textual ? "a string" : integral ? "an integer" : "a number")
                        + (v.isNull() ? ", not null: leave it out for its default" : ""));
            }
            return v.asText();
        }, defaults, maxK, "field");
    }

    private static SearchOptions parse(Function<String, String> value, SearchDefaults defaults, int maxK, String kind) {
        SearchMode mode = defaults.mode();
        FusionSettings fusion = defaults.fusion();
        try {
            String m = value.apply("mode");
            // An empty mode or fusion is refused, not read as the default: the document lists the values.
            if (m != null) {
                mode = SearchMode.parse(m);
            }
            String f = value.apply("fusion");
            if (f != null) {
                fusion = fusion.withMethod(FusionMethod.parse(f));
            }
        } catch (IllegalArgumentException e) {
            throw RequestException.invalid(e.getMessage());
        }
        String w = value.apply("weight");
        if (w != null && !w.isBlank()) {
            fusion = fusion.withSpladeWeight(weight(w, kind));
        }
        String rrf = value.apply("rrf_k");
        if (rrf != null && !rrf.isBlank()) {
            fusion = fusion.withRrfK(whole(rrf, "rrf_k", 1, MAX_RRF_K, kind));
        }
        String c = value.apply("candidates");
        if (c != null && !c.isBlank()) {
            fusion = fusion.withCandidates(whole(c, "candidates", 1, maxK, kind));
        }
        return new SearchOptions(mode, fusion);
    }

    private static double weight(String v, String kind) {
        try {
            double w = Double.parseDouble(v.trim());
            if (w >= 0 && w <= 1) {
                return w;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RequestException.invalid(kind + " 'weight' (the SPLADE side's weight in a fusion) must be a number between 0 and 1, got '"
                + RequestException.abbreviate(v) + "'");
    }

    private static int whole(String v, String name, int min, int max, String kind) {
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RequestException.invalid(kind + " '" + name + "' must be a whole number between " + min + " and " + max + ", got '"
                + RequestException.abbreviate(v) + "'");
    }
}
