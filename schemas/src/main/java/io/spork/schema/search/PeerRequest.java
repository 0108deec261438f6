package io.spork.schema.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.spork.schema.SparseVector;
import java.util.List;
import java.util.Set;

/**
 * One phase of a search that one instance asks of another ({@code POST /internal/search}); the
 * query is encoded and analysed once, by the instance that received it.
 * <ul>
 *   <li>{@link Phase#STATISTICS}: BM25 statistics of {@code terms} per partition;</li>
 *   <li>{@link Phase#CANDIDATES}: the exact top-{@code n} by each side given ({@code splade}, {@code bm25});</li>
 *   <li>{@link Phase#DRESS}: title, snippet and (with {@code explain}) explanations of the hits {@code ids}.</li>
 * </ul>
 * {@code partitions}: those the asking instance's metadata gives the asked one (null: all it serves).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PeerRequest(Phase phase, Set<Integer> partitions, List<String> terms, SparseVector splade, Bm25Spec bm25, int n,
                          List<String> ids, boolean explain, @JsonProperty("snippet_words") Set<String> snippetWords) {
    /** The phases of a search across instances. */
    public enum Phase { STATISTICS, CANDIDATES, DRESS }

    /** @throws IllegalArgumentException naming what a phase lacks */
    public PeerRequest {
        if (phase == null) {
            throw new IllegalArgumentException("a peer request needs a 'phase': one of " + List.of(Phase.values()));
        }
        if (phase == Phase.STATISTICS && terms == null) {
            throw new IllegalArgumentException("a statistics request needs 'terms'");
        }
        if (phase == Phase.CANDIDATES && n < 1) {
            throw new IllegalArgumentException("a candidates request needs 'n' >= 1, got " + n);
        }
        if (phase == Phase.DRESS && ids == null) {
            throw new IllegalArgumentException("a dress request needs 'ids'");
        }
        partitions = partitions == null ? null : Set.copyOf(partitions);
        terms = terms == null ? null : List.copyOf(terms);
        ids = ids == null ? null : List.copyOf(ids);
        snippetWords = snippetWords == null ? Set.of() : Set.copyOf(snippetWords);
    }

    public static PeerRequest statistics(Set<Integer> partitions, List<String> terms) {
        return new PeerRequest(Phase.STATISTICS, partitions, terms, null, null, 0, null, false, null);
    }

    /** @param splade the SPLADE query, null when that side is not searched; bm25 likewise */
    public static PeerRequest candidates(Set<Integer> partitions, SparseVector splade, Bm25Spec bm25, int n) {
        return new PeerRequest(Phase.CANDIDATES, partitions, null, splade, bm25, n, null, false, null);
    }

    public static PeerRequest dress(List<String> ids, SparseVector splade, Bm25Spec bm25, boolean explain, Set<String> snippetWords) {
        return new PeerRequest(Phase.DRESS, null, null, splade, bm25, 0, ids, explain, snippetWords);
    }
}
