package io.spork.eval;

import io.spork.api.SearchMode;
import java.util.List;
import java.util.Locale;

/** What {@code --mode} evaluates through Spork's API: one search mode, or all three in one run (one ingest). */
public enum EvalMode {
    HYBRID(List.of(SearchMode.HYBRID)),
    SPLADE(List.of(SearchMode.SPLADE)),
    BM25(List.of(SearchMode.BM25)),
    ALL(List.of(SearchMode.SPLADE, SearchMode.BM25, SearchMode.HYBRID));

    private final List<SearchMode> searchModes;

    EvalMode(List<SearchMode> searchModes) {
        this.searchModes = searchModes;
    }

    public List<SearchMode> searchModes() {
        return searchModes;
    }

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static EvalMode parse(String value) {
        for (EvalMode m : values()) {
            if (m.tag().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new EvalException("--mode must be hybrid, splade, bm25 or all, got '" + value + "'");
    }
}
