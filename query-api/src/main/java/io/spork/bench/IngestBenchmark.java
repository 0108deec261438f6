package io.spork.bench;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import io.spork.kafka.KafkaSettings;
import io.spork.schema.JsonSerde;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code ./spork bench ingest [--docs N] [--corpus corpus.jsonl] [--plain-batch 16]}: how close
 * Spork's ingest comes to the model's own speed, both measured in this one command on the same
 * texts and protocol (the windows of {@code encoder.window-tokens}, pooling, sparse vectors):
 * <ul>
 * <li>Spork end to end on a fresh embedded stack: from the first event produced to the last
 *     document searchable (Kafka, validation, the encode buffer, the model, the vectors topic,
 *     indexing, exactly-once commits);
 * <li>a plain ONNX Runtime loop over the same model ({@link PlainOrtLoop}) in its best
 *     configuration: every window of the corpus sorted by length, batches of
 *     {@code --plain-batch}, intra-op threads = cores, tokenization and pooling included, warmed
 *     up; timed before and after Spork's run, and the faster of the two counts.
 * </ul>
 * Last line: {@code ingest_efficiency: X} (Spork over the plain loop).
 */
final class IngestBenchmark {
    private static final int DEFAULT_PLAIN_BATCH = 16;
    private static final int WARM_UP_DOCS = 200;
    private static final long POLL_MS = 5;
    private static final long TIMEOUT_MS = 3_600_000;

    private IngestBenchmark() {
    }

    static int run(Map<String, String> options, SporkConfig config) throws Exception {
        Path corpus = Path.of(options.getOrDefault("corpus", BenchTexts.DEFAULT_CORPUS.toString()));
        int docs = options.containsKey("docs") ? Integer.parseInt(options.get("docs")) : BenchTexts.count(corpus);
        int plainBatch = Integer.parseInt(options.getOrDefault("plain-batch", Integer.toString(DEFAULT_PLAIN_BATCH)));
        if (docs <= 0 || plainBatch <= 0) {
            throw new IllegalArgumentException("--docs and --plain-batch must be above 0");
        }
        if (options.containsKey("device")) {
            config = config.with(ConfigKeys.ENCODER_DEVICE, options.get("device"));
        }
        List<String> texts = BenchTexts.load(corpus, docs, 1);
        EncoderSettings settings = EncoderSettings.from(config);
        System.out.printf("documents: %d from %s; window %s tokens, stride %d; %d cores%n", docs, BenchTexts.describe(corpus),
                settings.windowTokens() > 0 ? settings.windowTokens() : "the model's", settings.windowStride(),
                Runtime.getRuntime().availableProcessors());

        double plainBefore = plainPass(settings, texts, plainBatch);
        System.out.printf("plain loop, before: %.1f docs/s%n", plainBefore);
        double spork = sporkEndToEnd(config, texts);
        double plainAfter = plainPass(settings, texts, plainBatch);
        System.out.printf("plain loop, after: %.1f docs/s%n", plainAfter);
        double plain = Math.max(plainBefore, plainAfter);
        System.out.printf("ingest_docs_per_s: %.1f%n", spork);
        System.out.printf("plain_loop_docs_per_s: %.1f (batches of %d length-sorted windows, the faster pass)%n", plain, plainBatch);
        System.out.printf("ingest_efficiency: %.3f%n", spork / plain);
        return 0;
    }

    /** One timed pass of the plain loop over all texts, after a warm-up on the first ones. */
    private static double plainPass(EncoderSettings settings, List<String> texts, int batch) throws Exception {
        try (PlainOrtLoop loop = new PlainOrtLoop(settings)) {
            loop.encode(texts.subList(0, Math.min(WARM_UP_DOCS, texts.size())), batch, Long.MAX_VALUE);
            long started = System.nanoTime();
            loop.encode(texts, batch, Long.MAX_VALUE);
            return texts.size() / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** Documents per second from the first event produced to the last document searchable. */
    private static double sporkEndToEnd(SporkConfig config, List<String> texts) throws Exception {
        try (BenchStack bench = new BenchStack(config);
             Producer<String, byte[]> producer = new KafkaProducer<>(KafkaSettings.documentProducer(bench.stack().node().config()))) {
            String topic = bench.stack().node().config().get(ConfigKeys.TOPICS_DOCUMENTS);
            SpladeEncoder encoder = bench.stack().node().encoder();
            System.out.printf("spork: encoder on %s, %s%n", encoder.device(), encoder.runtime());
            long started = System.nanoTime();
            for (int i = 0; i < texts.size(); i++) {
                String id = "doc-" + i;
                producer.send(new ProducerRecord<>(topic, id, JsonSerde.MAPPER.writeValueAsBytes(Map.of("id", id, "text", texts.get(i)))));
            }
            producer.flush();
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (bench.indexedDocuments() < texts.size()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(bench.indexedDocuments() + " of " + texts.size() + " documents searchable after "
                            + TIMEOUT_MS / 1000 + " s");
                }
                Thread.sleep(POLL_MS);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("spork: %d documents searchable after %.1f s; model busy %.1f s (%d runs, %d windows)%n",
                    texts.size(), seconds, encoder.stats().busyNanos() / 1e9, encoder.stats().modelRuns(), encoder.stats().windows());
            return texts.size() / seconds;
        }
    }
}
