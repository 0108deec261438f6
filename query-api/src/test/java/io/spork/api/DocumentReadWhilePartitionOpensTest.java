package io.spork.api;

import static io.spork.testing.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.cluster.ClusterMetadata;
import io.spork.cluster.InstanceAddress;
import io.spork.cluster.LocalStores;
import io.spork.index.DocumentStore;
import io.spork.index.SearchResult;
import io.spork.schema.search.Bm25Contribution;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import io.spork.schema.DocumentEvent;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.search.QueryEncoder;
import io.spork.testing.HttpJson;
import io.spork.testing.TestModels;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /documents/{id}} while the id's partition is not served (its index still opening after
 * a restart, or moving): the document may exist, so the answer is never a 404 then; the read waits
 * for the partition and answers from it, or 503 when it stays unserved. A 404 is for a partition
 * served here that lacks the id.
 */
class DocumentReadWhilePartitionOpensTest {
    private static final InstanceAddress SELF = new InstanceAddress("localhost", 1);
    /** An id with a C1 control character and one outside the BMP, as the contract test's fuzzer makes them. */
    private static final String ID = "\u0109\u0092\uD819\uDDF0";

    private final AtomicBoolean served = new AtomicBoolean();
    private final VectorRecord stored = VectorRecord.of(DocumentEvent.upsert(ID, "t", "a stored text", Map.of()), 0, SparseVector.empty());

    @Test
    void aDocumentOfAPartitionStillOpeningIsReadOnceItOpensNotAnsweredNotFound() throws Exception {
        try (BareServer server = server(Duration.ofSeconds(5))) {
            Thread opens = new Thread(() -> {
                sleep(300);
                served.set(true);
            });
            opens.start();
            HttpJson.Response read = server.http().get(path(ID));
            opens.join();
            assertEquals(200, read.status(), String.valueOf(read.body()));
            assertEquals(ID, read.body().get("id").asText());
        }
    }

    @Test
    void aPartitionThatStaysUnservedIsA503AndAServedOneLackingTheIdA404() {
        try (BareServer server = server(Duration.ofMillis(200))) {
            assertError(server.http().get(path(ID)), 503, "not served by any instance now");
            served.set(true);
            assertError(server.http().get(path("another id")), 404, "no document with id 'another id'");
            assertEquals(200, server.http().get(path(ID)).status());
        }
    }

    private BareServer server(Duration partitionWait) {
        QueryEncoder vectors = QueryEncoder.of(TestModels.sharedEncoder(), false, 64);
        SearchableWait searchable = new SearchableWait(metadata(), stores(), new PeerClient(Duration.ofSeconds(1)), Duration.ofSeconds(1));
        DocumentResource documents = new DocumentResource(null, null, metadata(), stores(), vectors, new PeerClient(Duration.ofSeconds(1)),
                searchable, new RecentWrites(Duration.ofSeconds(15), 100), partitionWait);
        return BareServer.start(routes -> routes.get("/documents/{id}", documents::get));
    }

    private static String path(String id) {
        return "/documents/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** One instance, one partition; while its index opens the group knows no owner and its store answers nothing. */
    private ClusterMetadata metadata() {
        return new ClusterMetadata() {
            @Override
            public InstanceAddress self() {
                return SELF;
            }

            @Override
            public Map<InstanceAddress, Set<Integer>> peers() {
                return Map.of();
            }

            @Override
            public Set<Integer> activePartitions() {
                return Set.of(0);
            }

            @Override
            public boolean serves(int partition) {
                return served.get();
            }

            @Override
            public Optional<InstanceAddress> ownerOf(String id) {
                return served.get() ? Optional.of(SELF) : Optional.empty();
            }

            @Override
            public int partitionOf(String id) {
                return 0;
            }

            @Override
            public int partitionCount() {
                return 1;
            }
        };
    }

    private LocalStores stores() {
        return new LocalStores() {
            @Override
            public SearchResult search(SparseVector query, int k, Set<Integer> partitions) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<VectorRecord> document(String id) {
                return served.get() && id.equals(ID) ? Optional.of(stored) : Optional.empty();
            }

            @Override
            public Optional<DocumentStore.Summary> summary(String id) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<Integer, Bm25Statistics> lexicalStatistics(Collection<String> terms, Set<Integer> partitions) {
                throw new UnsupportedOperationException();
            }

            @Override
            public SearchResult searchLexical(Bm25Scoring scoring, int n, Set<Integer> partitions) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Bm25Contribution> explainLexical(String id, Bm25Scoring scoring) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean indexed(int partition, String id) {
                return served.get() && id.equals(ID);
            }
        };
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
