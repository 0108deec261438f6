package io.spork.search;

import static io.spork.search.FakeCluster.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.cluster.LocalStores;
import io.spork.encoder.Vocabulary;
import io.spork.index.DocumentStore;
import io.spork.index.ScoredDocument;
import io.spork.index.SearchResult;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.schema.search.Bm25Contribution;
import io.spork.schema.search.Bm25Spec;
import io.spork.schema.search.HitDetails;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import io.spork.schema.search.SearchHit;
import io.spork.schema.search.TermContribution;
import io.spork.schema.search.TermStatistics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** This instance's answers to each phase: only its assigned partitions, both sides' candidates, dressing with explanations. */
class LocalShardTest {
    private static final Bm25Spec SPEC = new Bm25Spec(Map.of("stadium", 1), new TermStatistics(4, 20, Map.of("stadium", 2L)), 0.9f, 0.4f);

    private final Vocabulary vocabulary = TestVocabulary.get();
    private final int stadium = vocabulary.id("stadium").getAsInt();
    private final int rain = vocabulary.id("rain").getAsInt();
    private final Map<String, VectorRecord> documents = new HashMap<>();
    private final List<Set<Integer>> spladeAsked = new ArrayList<>();
    private final List<Set<Integer>> lexicalAsked = new ArrayList<>();
    private final List<Bm25Scoring> scorings = new ArrayList<>();
    private final LocalShard shard;

    LocalShardTest() {
        documents.put("d1", new VectorRecord("d1", "Rain", "rain at the stadium", Map.of(), "h1", 0, vector(rain, 3f, stadium, 0.5f)));
        shard = new LocalShard(new FakeCluster(3).instance(A, Set.of(0, 1), null), new Stores(), vocabulary);
    }

    private static SparseVector vector(int id1, float w1, int id2, float w2) {
        return id1 < id2 ? new SparseVector(new int[] {id1, id2}, new float[] {w1, w2})
                : new SparseVector(new int[] {id2, id1}, new float[] {w2, w1});
    }

    /** Partitions 0, 1 and 2 are held here (2 left behind after it moved); each answers with canned values. */
    private final class Stores implements LocalStores {
        @Override
        public SearchResult search(SparseVector query, int k, Set<Integer> partitions) {
            spladeAsked.add(partitions);
            return new SearchResult(List.of(new ScoredDocument("d0", 2f)), List.copyOf(partitions));
        }

        @Override
        public Map<Integer, Bm25Statistics> lexicalStatistics(Collection<String> terms, Set<Integer> partitions) {
            lexicalAsked.add(partitions);
            Map<Integer, Bm25Statistics> byPartition = new TreeMap<>();
            partitions.forEach(p -> byPartition.put(p, new Bm25Statistics(p + 1, 10L * (p + 1), Map.of("stadium", 1L))));
            return byPartition;
        }

        @Override
        public SearchResult searchLexical(Bm25Scoring scoring, int n, Set<Integer> partitions) {
            lexicalAsked.add(partitions);
            scorings.add(scoring);
            return new SearchResult(List.of(new ScoredDocument("d1", 1.25f)), List.copyOf(partitions));
        }

        @Override
        public List<Bm25Contribution> explainLexical(String id, Bm25Scoring scoring) {
            scorings.add(scoring);
            return List.of(new Bm25Contribution("stadium", 1, 1, 2, 0.5f, 4, 0.75f));
        }

        @Override
        public boolean indexed(int partition, String id) {
            return documents.containsKey(id);
        }

        @Override
        public Optional<VectorRecord> document(String id) {
            return Optional.ofNullable(documents.get(id));
        }

        @Override
        public Optional<DocumentStore.Summary> summary(String id) {
            return document(id).map(d -> new DocumentStore.Summary(d.title(), d.text()));
        }
    }

    @Test
    void onlyThePartitionsAssignedHereAndAskedForAnswer() {
        PeerResponse all = shard.answer(PeerRequest.statistics(null, List.of("stadium")));
        assertEquals(Set.of(0, 1), lexicalAsked.get(0), "partition 2's index was left behind: it does not answer");
        assertEquals(List.of(0, 1), all.partitions());
        assertEquals(new TermStatistics(2, 20, Map.of("stadium", 1L)), all.statistics().get(1));
        assertEquals(List.of(1), shard.answer(PeerRequest.statistics(Set.of(1, 2, 7), List.of("stadium"))).partitions());
        shard.answer(PeerRequest.candidates(Set.of(0, 2), new SparseVector(new int[] {stadium}, new float[] {1f}), null, 5));
        assertEquals(Set.of(0), spladeAsked.get(0));
    }

    @Test
    void candidatesOfBothSidesScoredWithTheClustersStatistics() {
        PeerResponse answer = shard.answer(PeerRequest.candidates(Set.of(1), new SparseVector(new int[] {stadium}, new float[] {1f}), SPEC, 5));
        assertEquals(List.of(SearchHit.of("d0", 2f)), answer.splade());
        assertEquals(List.of(SearchHit.of("d1", 1.25f)), answer.bm25());
        assertEquals(List.of(1), answer.partitions());
        assertEquals(4, scorings.get(0).statistics().documentCount(), "BM25 scores with the cluster's statistics, not the partition's");
        assertEquals(2, scorings.get(0).statistics().documentFrequency("stadium"));
        PeerResponse bm25Only = shard.answer(PeerRequest.candidates(null, null, SPEC, 5));
        assertEquals(List.of(), bm25Only.splade());
        assertEquals(1, spladeAsked.size(), "no SPLADE side asked: none searched");
    }

    @Test
    void dressingGivesTitleSnippetAndOnlyWhenAskedBothSidesExplanations() {
        SparseVector query = vector(stadium, 1.5f, rain, 1f);
        List<HitDetails> plain = shard.answer(PeerRequest.dress(List.of("d1", "gone"), query, SPEC, false, Set.of("rain"))).hits();
        assertEquals(1, plain.size(), "a hit no longer stored here is left out");
        assertEquals("Rain", plain.get(0).title());
        assertEquals("rain at the stadium", plain.get(0).snippet());
        assertNull(plain.get(0).explain());
        assertNull(plain.get(0).bm25Explain());
        assertTrue(scorings.isEmpty(), "no explanation asked: nothing scored");

        HitDetails explained = shard.answer(PeerRequest.dress(List.of("d1"), query, SPEC, true, Set.of())).hits().get(0);
        assertEquals(List.of(new TermContribution("rain", rain, 1f, 3f, 3f), new TermContribution("stadium", stadium, 1.5f, 0.5f, 0.75f)),
                explained.explain(), "shared terms, best contribution first");
        assertEquals(List.of(new Bm25Contribution("stadium", 1, 1, 2, 0.5f, 4, 0.75f)), explained.bm25Explain());
        HitDetails spladeOnly = shard.answer(PeerRequest.dress(List.of("d1"), null, null, true, Set.of())).hits().get(0);
        assertNull(spladeOnly.explain(), "no SPLADE side: no SPLADE explanation");
        assertNull(spladeOnly.bm25Explain(), "no BM25 side: no BM25 explanation");
    }
}
