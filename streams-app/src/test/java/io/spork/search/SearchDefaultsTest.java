package io.spork.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.ConfigException;
import io.spork.config.SporkConfig;
import io.spork.lexical.Bm25Parameters;
import org.junit.jupiter.api.Test;

/** The search.* keys read once: the documented defaults, and a bad value named by its key. */
class SearchDefaultsTest {
    private static String error(String key, String value) {
        return assertThrows(ConfigException.class, () -> SearchDefaults.from(SporkConfig.builder().set(key, value).build())).getMessage();
    }

    @Test
    void theDocumentedDefaults() {
        SearchDefaults defaults = SearchDefaults.from(SporkConfig.defaults());
        assertEquals(SearchMode.HYBRID, defaults.mode());
        assertEquals(new FusionSettings(FusionMethod.ZSCORE, 0.5, 60, 100), defaults.fusion());
        assertEquals(new Bm25Parameters(0.9f, 0.4f), defaults.bm25());
    }

    @Test
    void aBadValueNamesItsKey() {
        assertTrue(error(SearchDefaults.MODE, "dense").contains("unknown search mode 'dense'"));
        assertTrue(error(SearchDefaults.FUSION_METHOD, "borda").contains("unknown fusion method 'borda'"));
        assertEquals("search.fusion.splade-weight must be a number, got 'half'", error(SearchDefaults.FUSION_SPLADE_WEIGHT, "half"));
        assertTrue(error(SearchDefaults.FUSION_SPLADE_WEIGHT, "1.5").contains("between 0 and 1"));
        assertTrue(error(SearchDefaults.BM25_B, "2").contains("bm25.b must be between 0 and 1"));
        assertTrue(error(SearchDefaults.FUSION_RRF_K, "0").contains("rrf_k must be at least 1"));
    }

    @Test
    void aPageAsksEnoughCandidates() {
        FusionSettings fusion = new FusionSettings(FusionMethod.ZSCORE, 0.5, 60, 100);
        SearchRequest hybrid = new SearchRequest(SearchMode.HYBRID, io.spork.schema.SparseVector.empty(),
                io.spork.lexical.Bm25Query.of(java.util.List.of("x")), Bm25Parameters.DEFAULT, fusion, 10, 195, false, java.util.Set.of());
        assertEquals(205, hybrid.end());
        assertEquals(205, hybrid.candidates(), "never fewer candidates than the page needs");
        assertEquals(30, SearchRequest.splade(io.spork.schema.SparseVector.empty(), 10, 20, false, java.util.Set.of()).candidates());
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.splade(null, 10, 0, false, java.util.Set.of()));
        assertThrows(IllegalArgumentException.class, () -> SearchRequest.splade(io.spork.schema.SparseVector.empty(), 0, 0, false,
                java.util.Set.of()));
    }
}
