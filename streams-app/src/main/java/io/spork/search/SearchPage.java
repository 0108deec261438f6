package io.spork.search;

import io.spork.lexical.Bm25Scoring;
import io.spork.schema.search.SearchHit;
import java.util.List;
import java.util.Set;

/**
 * One page of a search's global ranking, dressed; the partitions that answered, of how many; and
 * whether some did not (or an instance did not answer a phase): then the page is partial.
 *
 * @param scoring    the cluster-wide BM25 scoring the BM25 side used (null in SPLADE mode)
 * @param candidates each side's top-N per partition
 */
public record SearchPage(List<SearchHit> hits, Set<Integer> answered, int totalPartitions, boolean partial, Bm25Scoring scoring,
                         int candidates) {
    public SearchPage {
        hits = List.copyOf(hits);
        answered = Set.copyOf(answered);
    }
}
