package io.spork.api;

import io.spork.config.ConfigException;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.fusion.FusionMethod;
import io.spork.fusion.FusionSettings;
import io.spork.lexical.Bm25Parameters;

/** What a search does when the request does not say: the mode, the fusion and BM25's parameters (config search.*). */
public record SearchDefaults(SearchMode mode, FusionSettings fusion, Bm25Parameters bm25) {
    /** @throws ConfigException naming the key when a value is not valid */
    public static SearchDefaults from(SporkConfig config) {
        try {
            SearchMode mode = SearchMode.parse(config.get(ConfigKeys.SEARCH_MODE));
            FusionSettings fusion = new FusionSettings(FusionMethod.parse(config.get(ConfigKeys.SEARCH_FUSION_METHOD)),
                    number(config, ConfigKeys.SEARCH_FUSION_SPLADE_WEIGHT), config.getInt(ConfigKeys.SEARCH_FUSION_RRF_K),
                    config.getInt(ConfigKeys.SEARCH_FUSION_CANDIDATES));
            Bm25Parameters bm25 = new Bm25Parameters((float) number(config, ConfigKeys.SEARCH_BM25_K1),
                    (float) number(config, ConfigKeys.SEARCH_BM25_B));
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
