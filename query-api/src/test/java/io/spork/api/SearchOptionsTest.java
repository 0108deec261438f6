package io.spork.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.lexical.Bm25Parameters;
import io.spork.schema.JsonSerde;
import io.spork.search.FusionMethod;
import io.spork.search.FusionSettings;
import io.spork.search.RequestException;
import io.spork.search.SearchDefaults;
import io.spork.search.SearchMode;
import org.junit.jupiter.api.Test;

/** A search's mode and fusion from a POST body's fields, over the configured defaults, and the message each mistake gets. */
class SearchOptionsTest {
    private static final SearchDefaults DEFAULTS = new SearchDefaults(SearchMode.HYBRID,
            new FusionSettings(FusionMethod.ZSCORE, 0.4, 60, 100), Bm25Parameters.DEFAULT);

    private static SearchOptions of(String json) throws Exception {
        JsonNode body = JsonSerde.MAPPER.readTree(json);
        return SearchOptions.of(body, DEFAULTS, 1000);
    }

    private static String error(String json) {
        return assertThrows(RequestException.class, () -> of(json)).getMessage();
    }

    @Test
    void fieldsOverrideTheDefaults() throws Exception {
        assertEquals(new SearchOptions(SearchMode.HYBRID, DEFAULTS.fusion()), of("{}"));
        SearchOptions given = of("{\"mode\": \"bm25\", \"fusion\": \"rrf\", \"weight\": 0.7, \"rrf_k\": 10, \"candidates\": 50}");
        assertEquals(SearchMode.BM25, given.mode());
        assertEquals(new FusionSettings(FusionMethod.RRF, 0.7, 10, 50), given.fusion());
    }

    @Test
    void eachMistakeIsNamed() {
        assertEquals("unknown search mode 'dense'; one of [hybrid, splade, bm25]", error("{\"mode\": \"dense\"}"));
        assertEquals("unknown fusion method 'borda'; one of [zscore, minmax, rrf]", error("{\"fusion\": \"borda\"}"));
        assertEquals("field 'mode' must be a string", error("{\"mode\": 3}"));
        assertEquals("field 'rrf_k' must be an integer", error("{\"rrf_k\": 1.5}"));
        assertEquals("field 'weight' must be a number, not null: leave it out for its default", error("{\"weight\": null}"));
        assertEquals("field 'weight' (the SPLADE side's weight in a fusion) must be a number between 0 and 1, got '1.5'", error("{\"weight\": 1.5}"));
        assertEquals("field 'candidates' must be a whole number between 1 and 1000, got '1001'", error("{\"candidates\": 1001}"));
        assertEquals("field 'rrf_k' must be a whole number between 1 and 10000, got '0'", error("{\"rrf_k\": 0}"));
        assertEquals(RequestException.Reason.INVALID, assertThrows(RequestException.class, () -> of("{\"mode\": \"x\"}")).reason());
    }
}
