package io.spork.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.encoder.EncoderSettings;
import io.spork.config.SporkConfig;
import io.spork.encoder.SpladeEncoder;
import io.spork.topology.LocalIndexes;
import io.spork.index.ScoredDocument;
import io.spork.lexical.Bm25Parameters;
import io.spork.lexical.Bm25Query;
import io.spork.lexical.Bm25Scoring;
import io.spork.lexical.Bm25Statistics;
import io.spork.lexical.LexicalAnalyzer;
import io.spork.lexical.LexicalDocumentStore;
import io.spork.lexical.LexicalIndex;
import io.spork.lexical.LexicalPostingStore;
import io.spork.lexical.LexicalWriter;
import io.spork.schema.VectorRecord;
import io.spork.schema.VectorRecordSerde;
import io.spork.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole topology under TopologyTestDriver, with the bundled model. */
class SporkTopologyTest {
    private static final int MAX_BATCH = 3;
    private static final long MAX_WAIT_MS = 50;

    @TempDir
    Path stateDir;

    private final SpladeEncoder encoder = TestModels.sharedEncoder();
    private final LocalIndexes indexes = new LocalIndexes();
    private final AtomicInteger modelRuns = new AtomicInteger();
    private TopologyTestDriver driver;
    private TestInputTopic<String, String> documents;
    private TestOutputTopic<String, byte[]> vectors;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        SporkConfig config = SporkConfig.builder()
                .set("encoder.model-dir", TestModels.spladeTiny().toString())
                .set(EncoderSettings.BATCH_DOCUMENTS, Integer.toString(MAX_BATCH))
                .set(EncoderSettings.RUN_WINDOWS, Integer.toString(MAX_BATCH))
                .set(EncoderSettings.MAX_WAIT_MS, Long.toString(MAX_WAIT_MS))
                .build();
        TopologyObserver counting = new TopologyObserver() {
            @Override
            public void encoded(int batchSize, long nanos) {
                modelRuns.incrementAndGet();
            }
        };
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "spork-topology-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(SporkTopology.build(EngineSettings.from(config), encoder, indexes, counting), props);
        documents = driver.createInputTopic("documents", new StringSerializer(), new StringSerializer());
        vectors = driver.createOutputTopic("vectors", new StringDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic("documents.dlq", new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void encodesInBatchesNotPerRecord() {
        documents.pipeInput("a", doc("a", "The weather is lovely today."));
        documents.pipeInput("b", doc("b", "It's so sunny outside!"));
        assertTrue(vectors.isEmpty(), "two documents wait for a third or for the timer");
        assertEquals(0, modelRuns.get());
        documents.pipeInput("c", doc("c", "He drove to the stadium."));
        assertEquals(List.of("a", "b", "c"), vectors.readKeyValuesToList().stream().map(kv -> kv.key).sorted().toList());
        assertEquals(1, modelRuns.get(), "one model run for the batch of three");

        documents.pipeInput("d", doc("d", "A quiet afternoon in the library."));
        assertTrue(vectors.isEmpty());
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        assertEquals("d", vectors.readKeyValue().key, "the timer flushes a partial batch");
        assertEquals(4, indexes.documentCount());
        assertEquals("c", top(search("stadium")));
    }

    @Test
    void vectorsCarryStoredFieldsAndTheEncoding() throws Exception {
        documents.pipeInput("a", "{\"id\":\"a\",\"title\":\"Sun\",\"text\":\"It's so sunny outside!\",\"fields\":{\"lang\":\"en\"}}");
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        VectorRecord v = VectorRecordSerde.read(vectors.readValue());
        assertEquals("Sun", v.title());
        assertEquals("en", v.fields().get("lang"));
        assertEquals(encoder.encode("Sun It's so sunny outside!"), v.vector());
    }

    @Test
    void badEventsGoToTheDeadLetterTopicAndTheStreamGoesOn() {
        documents.pipeInput("x", "{not json");
        documents.pipeInput("y", "{\"id\": \"y\", \"text\": 42}");
        documents.pipeInput("a", doc("a", "The weather is lovely today."));
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertEquals(2, dead.size());
        assertEquals("{not json", new String(dead.get(0).value(), StandardCharsets.UTF_8), "original bytes are kept");
        assertTrue(header(dead.get(0), DeadLetters.ERROR_HEADER).contains("not valid JSON"));
        assertTrue(header(dead.get(1), DeadLetters.ERROR_HEADER).contains("'text' must be a string"));
        assertEquals("documents", header(dead.get(1), DeadLetters.SOURCE_TOPIC_HEADER));
        assertEquals(1, indexes.documentCount(), "the valid document after them is indexed");
    }

    @Test
    void unchangedContentIsNotEncodedAgain() {
        documents.pipeInput("a", doc("a", "The weather is lovely today."));
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        vectors.readRecordsToList();
        documents.pipeInput("a", doc("a", "The weather is lovely today."));
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        assertTrue(vectors.isEmpty());
        assertEquals(1, modelRuns.get());
    }

    @Test
    void updateReplacesOldPostingsAndDeleteRemovesTheDocument() {
        documents.pipeInput("a", doc("a", "He drove to the stadium."));
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        assertEquals("a", top(search("stadium")));

        documents.pipeInput("a", doc("a", "The weather is lovely today."));
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        assertTrue(search("stadium").isEmpty(), "a term only the old text had finds nothing");
        assertEquals("a", top(search("weather")));
        assertEquals(1, indexes.documentCount());

        documents.pipeInput("a", "{\"id\": \"a\", \"op\": \"delete\"}");
        assertTrue(search("weather").isEmpty());
        assertEquals(0, indexes.documentCount());
        assertEquals(0, indexes.postingCount());
        vectors.readRecordsToList();

        documents.pipeInput("b", doc("b", "He drove to the stadium."));
        documents.pipeInput("b", (String) null);
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        List<TestRecord<String, byte[]>> out = vectors.readRecordsToList();
        assertEquals(1, out.size(), "a delete cancels the pending upsert: only the tombstone goes out");
        assertNull(out.get(0).value());
        assertFalse(indexes.snapshot().get(0).contains("b"));
    }

    @Test
    void lexicalPostingsFollowUpdatesAndDeletesExactly() {
        LexicalAnalyzer analyzer = new LexicalAnalyzer();
        documents.pipeInput("a", doc("a", "He drove to the stadium, the stadium was full."));
        documents.pipeInput("b", doc("b", "The weather is lovely today."));
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        assertEquals(Set.of("drove", "full", "stadium", "he"), storedTerms("a"));
        assertEquals(2, lexical().frequency("stadium", "a"));

        documents.pipeInput("a", doc("a", "Lovely weather at the stadium today."));
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        Set<String> expected = analyzer.document(null, "Lovely weather at the stadium today.").frequencies().keySet();
        assertEquals(expected, storedTerms("a"), "the update's postings replace the old ones, no more, no less");
        assertEquals(1, lexical().frequency("stadium", "a"));
        assertEquals(0, lexical().frequency("drove", "a"));
        Bm25Statistics stats = lexical().statistics(List.of("drove", "weather", "love"));
        assertEquals(Map.of("drove", 0L, "weather", 2L, "love", 2L), stats.documentFrequencies());
        assertEquals(2, stats.documentCount());
        assertEquals(analyzer.document(null, "Lovely weather at the stadium today.").length()
                + analyzer.document(null, "The weather is lovely today.").length(), stats.totalLength());
        assertRebuildEqualsLiveIndex(List.of("weather", "stadium", "love", "drove"));

        documents.pipeInput("a", "{\"id\": \"a\", \"op\": \"delete\"}");
        assertEquals(Set.of(), storedTerms("a"));
        assertNull(driver.<String, byte[]>getKeyValueStore(LexicalDocumentStore.NAME).get("a"));
        assertEquals(1, lexical().statistics(List.of("weather")).documentCount());
        documents.pipeInput("b", (String) null);
        driver.advanceWallClockTime(Duration.ofMillis(MAX_WAIT_MS));
        assertEquals(0, indexes.lexicalPostingCount());
        try (KeyValueIterator<Bytes, byte[]> all = driver.<Bytes, byte[]>getKeyValueStore(LexicalPostingStore.NAME).all()) {
            assertFalse(all.hasNext(), "no lexical posting is left in RocksDB");
        }
        assertEquals(new Bm25Statistics(0, 0, Map.of("weather", 0L)), lexical().statistics(List.of("weather")));
    }

    private LexicalIndex lexical() {
        return LexicalWriter.rebuild(0, new LexicalDocumentStore(driver.getKeyValueStore(LexicalDocumentStore.NAME)),
                new LexicalPostingStore(driver.getKeyValueStore(LexicalPostingStore.NAME)));
    }

    /** The index rebuilt from the stores (as at task start) answers as the live one does. */
    private void assertRebuildEqualsLiveIndex(List<String> terms) {
        Bm25Scoring scoring = new Bm25Scoring(Bm25Query.of(terms), Bm25Statistics.sum(indexes.lexicalStatistics(terms).values()),
                Bm25Parameters.DEFAULT);
        assertEquals(indexes.searchLexical(scoring, 10).hits(), lexical().search(scoring, 10));
        assertEquals(indexes.lexicalStatistics(terms).get(0), lexical().statistics(terms));
    }

    /** The terms of a document's lexical postings in RocksDB. */
    private Set<String> storedTerms(String id) {
        Set<String> terms = new TreeSet<>();
        new LexicalPostingStore(driver.getKeyValueStore(LexicalPostingStore.NAME)).forEach(p -> {
            if (p.documentId().equals(id)) {
                terms.add(p.term());
            }
        });
        return terms;
    }

    private List<ScoredDocument> search(String text) {
        return indexes.search(encoder.encode(text), 10).hits();
    }

    private static String top(List<ScoredDocument> hits) {
        assertFalse(hits.isEmpty(), "expected a hit");
        return hits.get(0).id();
    }

    private static String doc(String id, String text) {
        return "{\"id\":\"" + id + "\",\"text\":\"" + text + "\"}";
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
