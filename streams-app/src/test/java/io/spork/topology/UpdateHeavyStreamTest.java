package io.spork.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.index.IndexSettings;
import io.spork.config.SporkConfig;
import io.spork.index.ExhaustiveOracle;
import io.spork.topology.LocalIndexes;
import io.spork.index.PartitionIndex;
import io.spork.index.PostingStore;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.schema.VectorRecordSerde;
import io.spork.testing.TestModels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update-heavy stream of pre-encoded vectors through the topology: the same documents updated
 * again and again, with small segments, so seals and merges keep happening. Dead postings (old
 * versions still in sealed segments) stay bounded by the live ones, every search stays exact, and
 * the posting store holds segment records, not one record per posting.
 */
class UpdateHeavyStreamTest {
    private static final int IDS = 100;

    @TempDir
    Path stateDir;

    @Test
    void deadPostingsStayBoundedAndSearchesExact() throws Exception {
        SporkConfig config = SporkConfig.builder()
                .set("encoder.model-dir", TestModels.spladeTiny().toString())
                .set(IndexSettings.SEAL_DOCUMENTS, "50")
                .set(IndexSettings.MERGE_FACTOR, "3")
                .build();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spork-update-heavy-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        LocalIndexes indexes = new LocalIndexes();
        VectorRecordSerde serde = VectorRecordSerde.INSTANCE;
        Random random = new Random(5);
        Map<String, SparseVector> live = new HashMap<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                SporkTopology.build(EngineSettings.from(config), TestModels.sharedEncoder(), indexes, TopologyObserver.NONE), props)) {
            TestInputTopic<String, byte[]> vectors = driver.createInputTopic("vectors", new StringSerializer(), new ByteArraySerializer());
            for (int round = 0; round < 30; round++) {
                for (int d = 0; d < IDS; d++) {
                    String id = "doc-" + d;
                    SparseVector v = vector(random);
                    vectors.pipeInput(id, serde.serializer().serialize("vectors", new VectorRecord(id, null, null, Map.of(), "r" + round, 0, v)));
                    live.put(id, v);
                }
                driver.advanceWallClockTime(Duration.ofMillis(200));
                PartitionIndex index = indexes.snapshot().get(0);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                // Merges run on a background thread and are installed by the stream thread's tick.
                while (index.deadPostings() > index.postingCount() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                    driver.advanceWallClockTime(Duration.ofMillis(200));
                }
                assertTrue(index.deadPostings() <= index.postingCount(),
                        "round " + round + ": dead postings " + index.deadPostings() + " vs live " + index.postingCount());
                assertEquals(IDS, index.documentCount());
                SparseVector query = vector(random);
                assertEquals(ExhaustiveOracle.topK(live, query, 10), indexes.search(query, 10).hits(), "round " + round);
            }
            long records = driver.getKeyValueStore(PostingStore.NAME).approximateNumEntries();
            assertTrue(records < IDS, "segment records in the posting store: " + records);
        }
    }

    private static SparseVector vector(Random random) {
        TreeMap<Integer, Float> weights = new TreeMap<>();
        while (weights.size() < 20) {
            weights.put(random.nextInt(500), 0.1f + random.nextFloat());
        }
        return SparseVector.fromSorted(weights);
    }
}
