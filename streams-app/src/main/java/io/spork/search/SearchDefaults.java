package io.spork.search;

import io.spork.config.ConfigException;
import io.spork.config.SettingKeys;
import io.spork.config.SporkConfig;
import io.spork.lexical.Bm25Parameters;

/**
 * What a search does when the request does not say: the mode, the fusion and BM25's parameters,
 * read once from the search.* keys of config/spork.properties.
 */
public record SearchDefaults(SearchMode mode, FusionSettings fusion, Bm25Parameters bm25) {
    public static final String MODE = "search.mode";
    public static final String FUSION_METHOD = "search.fusion.method";
    public static final String FUSION_SPLADE_WEIGHT = "search.fusion.splade-weight";
    public static final String FUSION_RRF_K = "search.fusion.rrf-k";
    public static final String FUSION_CANDIDATES = "search.fusion.candidates";
    public static final String BM25_K1 = "search.bm25.k1";
    public static final String BM25_B = "search.bm25.b";
    public static final SettingKeys KEYS = SettingKeys.of("SearchDefaults", MODE, FUSION_METHOD, FUSION_SPLADE_WEIGHT, FUSION_RRF_K,
            FUSION_CANDIDATES, BM25_K1, BM25_B);

    /** @throws ConfigException naming the key when a value is not valid */
    public static SearchDefaults from(SporkConfig config) {
        try {
            SearchMode mode = SearchMode.parse(config.get(MODE));
            FusionSettings fusion = new FusionSettings(FusionMethod.parse(config.get(FUSION_METHOD)),
                    number(config, FUSION_SPLADE_WEIGHT), config.getInt(FUSION_RRF_K), config.getInt(FUSION_CANDIDATES));
            Bm25Parameters bm25 = new Bm25Parameters((float) number(config, BM25_K1), (float) number(config, BM25_B));
            return new SearchDefaults(mode, fusion, bm25);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("search configuration: " + e.getMessage());
        }
    }

    private static double number(SporkConfig config, String key) {
        String v = config.get(key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a number, got '" + v + "'");
        }
    }
}
