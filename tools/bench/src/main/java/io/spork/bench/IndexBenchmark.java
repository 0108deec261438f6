package io.spork.bench;

import io.spork.app.SporkNode;
import io.spork.api.HttpSettings;
import io.spork.config.SporkConfig;
import io.spork.dev.EmbeddedKafkaBroker;
import io.spork.files.DirectoryTree;
import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import io.spork.schema.VectorRecord;
import io.spork.schema.VectorRecordSerde;
import io.spork.topology.TopologyObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./spork bench index}: the index stage alone through the real topology, exactly-once, on
 * an embedded broker. Pre-encoded synthetic SPLADE vectors (the query benchmark's corpus) are
 * produced to the vectors topic in one transaction while the instance runs, so the index stage
 * sees the whole backlog at once, as after a bulk load by the encode stage; the figures are the
 * indexing rate (the backlog's commit to every document searchable: the index stage's work alone,
 * not the benchmark's producing, which shares the CPUs), the changelog records the index stores
 * wrote per document (counted by reading every changelog topic, read_committed, so transaction
 * markers are not counted), the time a restarted instance takes until every document is
 * searchable again, and Lucene's single-thread IndexWriter on the same vectors.
 */
final class IndexBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    /** The index stage's stream threads (the encode stage's names hold "-encode-", their clients' a suffix). */
    private static final java.util.function.Predicate<String> INDEX_STREAM_THREAD =
            name -> name.matches(".*-StreamThread-\\d+") && !name.contains(KafkaSettings.ENCODE_APPLICATION_SUFFIX + "-");

    private IndexBenchmark() {
    }

    /**
     * @param warmup documents indexed first, untimed, so the measured backlog meets compiled code
     *               (the JIT compilers otherwise take most of a core during a short run)
     */
    static int run(int docs, int warmup, CorpusShape shape, long seed, SporkConfig base) throws Exception {
        SyntheticCorpus corpus = new SyntheticCorpus(SpladeStats.bundled(), shape, seed);
        Path dir = Files.createTempDirectory("spork-bench-index");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
            SporkConfig config = base.with(KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())
                    .with(TopicSettings.REPLICATION_FACTOR, "1").with(KafkaSettings.NUM_STANDBY_REPLICAS, "0")
                    .with(HttpSettings.PORT, "0");
            Path state = dir.resolve("state");
            System.out.printf("index benchmark: %d pre-encoded documents after %d warm-up ones (shape %s, seed %d) to '%s', %s, %s partitions%n",
                    docs, warmup, shape, seed, config.get(TopicSettings.VECTORS), config.get(KafkaSettings.PROCESSING_GUARANTEE),
                    config.get(TopicSettings.PARTITIONS));
            int total = warmup + docs;
            double indexSeconds;
            long postings;
            try (SporkNode node = SporkNode.start(config, state, new TopologyObserver() { })) {
                await("the instance to start", () -> node.streams().isReady());
                postings = produce(config, corpus, docs, warmup);
                await("the warm-up documents to be searchable", () -> node.streams().indexes().documentCount() == warmup);
                long producing = System.nanoTime();
                long measured = produce(config, corpus, 0, docs);
                postings += measured;
                long started = System.nanoTime();
                double processCpu = CpuClock.process();
                double streamCpu = CpuClock.threads(INDEX_STREAM_THREAD);
                System.out.printf("produced: %d records (%d postings, %.1f per document) in %.1f s, committed in one transaction%n", docs,
                        measured, (double) measured / docs, (started - producing) / 1e9);
                await("every document to be searchable", () -> node.streams().indexes().documentCount() == total);
                indexSeconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("indexed: every document searchable %.1f s after the backlog was committed%n", indexSeconds);
                System.out.printf("cpu while indexing: the index stage's stream thread %.1f s, the whole process (broker included) %.1f s"
                                + " of %d cores x %.1f s%n", CpuClock.threads(INDEX_STREAM_THREAD) - streamCpu, CpuClock.process() - processCpu,
                        Runtime.getRuntime().availableProcessors(), indexSeconds);
                System.out.printf("segments: %d sealed; memory of the read form %.2f bytes per posting%n",
                        node.streams().indexes().snapshot().values().stream().mapToInt(i -> i.segmentCount()).sum(),
                        (double) node.streams().indexes().snapshot().values().stream().mapToLong(i -> i.memoryBytes()).sum() / postings);
            }
            Map<String, Long> changelogs = countChangelogs(config);
            long splade = 0;
            long all = 0;
            for (Map.Entry<String, Long> e : changelogs.entrySet()) {
                System.out.printf("changelog %s: %d records (%.3f per document)%n", e.getKey(), e.getValue(), (double) e.getValue() / total);
                all += e.getValue();
                if (e.getKey().contains("spork-postings") || e.getKey().contains("spork-documents")) {
                    splade += e.getValue();
                }
            }
            System.out.printf("changelog records of every store: %.3f per document (all %d, warm-up included)%n", (double) all / total, total);
            System.out.printf("changelog_records_per_document: %.3f%n", (double) splade / total);
            long restarted = System.nanoTime();
            try (SporkNode node = SporkNode.start(config, state, new TopologyObserver() { })) {
                await("the restarted instance to be ready", () -> node.streams().isReady() && node.streams().indexes().documentCount() == total);
                // In this JVM, beside the first instance's garbage; the crash phase's first child measures a fresh process.
                System.out.printf("ready_after_restart_s: %.1f%n", (System.nanoTime() - restarted) / 1e9);
            }
            double lucene = LuceneIndexingRate.measure(corpus, docs, warmup);
            System.out.printf("lucene_index_docs_per_s: %.0f (IndexWriter, one thread, FeatureFields, vectors in memory, to a commit)%n", lucene);
            System.out.printf("ratio_vs_lucene_indexing: %.2f%n", docs / indexSeconds / lucene);
            CrashRestartPhase.run(config, state, corpus, total);
            System.out.printf("index_docs_per_s: %.0f%n", docs / indexSeconds);
            return 0;
        } finally {
            DirectoryTree.delete(dir);
        }
    }

    /** Produces documents {@code from .. from + count - 1} in one transaction; returns their postings. */
    private static long produce(SporkConfig config, SyntheticCorpus corpus, int from, int count) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaSettings.BOOTSTRAP_SERVERS));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "spork-bench-index-backlog");
        // The broker's longest (transaction.max.timeout.ms, 15 min): producing the backlog is one transaction.
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(Duration.ofMinutes(15).toMillis()));
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(1 << 20));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String topic = config.get(TopicSettings.VECTORS);
        long postings = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = from; i < from + count; i++) {
                VectorRecord record = SporkBenchIndex.record(i, corpus.document(i));
                postings += record.vector().size();
                producer.send(new ProducerRecord<>(topic, record.id(), VectorRecordSerde.write(record)));
            }
            producer.commitTransaction();
        }
        return postings;
    }

    /** Records (not transaction markers) in every changelog topic of the application. */
    private static Map<String, Long> countChangelogs(SporkConfig config) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaSettings.BOOTSTRAP_SERVERS));
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        Map<String, Long> counts = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (Map.Entry<String, List<PartitionInfo>> e : consumer.listTopics().entrySet()) {
                if (e.getKey().endsWith("-changelog")) {
                    e.getValue().forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                    counts.put(e.getKey(), 0L);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(r -> counts.merge(r.topic(), 1L, Long::sum));
            }
        }
        return counts;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
