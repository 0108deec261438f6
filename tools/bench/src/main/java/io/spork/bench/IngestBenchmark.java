package io.spork.bench;

import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code ./spork bench ingest [--docs N] [--corpus corpus.jsonl] [--plain-batch B] [--device cpu|cuda]}: how close
 * Spork's ingest comes to the model's own speed, both measured in this one command on the same
 * texts and protocol (the windows of {@code encoder.window-tokens}, pooling, sparse vectors):
 * <ul>
 * <li>Spork end to end on a fresh embedded stack, warmed up on the first documents as the plain
 *     loop is: from the first event produced to the last document searchable (Kafka, validation,
 *     the encode buffer, the model, the vectors topic, indexing, exactly-once commits);
 * <li>a plain ONNX Runtime loop over the same model ({@link PlainOrtLoop}) in its best
 *     configuration: every window of the corpus sorted by length, batches of
 *     {@code --plain-batch} windows (else the fastest of 8, 16 and 32 on the first documents),
 *     intra-op threads = cores, tokenization and pooling included, warmed up; timed before and
 *     after Spork's run, and the faster of the two counts.
 * </ul>
 * Last line: {@code ingest_efficiency: X} (Spork over the plain loop).
 */
final class IngestBenchmark {
    /** The plain loop's batch sizes tried (on the first documents) when --plain-batch is not given. */
    private static final int[] PLAIN_BATCHES = {8, 16, 32};
    private static final int WARM_UP_DOCS = 200;
    private static final int TRIAL_DOCS = 400;
    private static final long POLL_MS = 5;
    private static final long TIMEOUT_MS = 3_600_000;

    private IngestBenchmark() {
    }

    /** @param docsOption --docs, null for the whole corpus; device and plainBatchOption likewise null when not given */
    static int run(Path corpus, Integer docsOption, String device, Integer plainBatchOption, SporkConfig config) throws Exception {
        int docs = docsOption != null ? docsOption : BenchTexts.count(corpus);
        if (docs <= 0) {
            throw new IllegalArgumentException("--docs must be above 0");
        }
        if (device != null) {
            config = config.with(EncoderSettings.DEVICE, device);
        }
        List<String> texts = BenchTexts.load(corpus, docs, 1);
        EncoderSettings settings = EncoderSettings.from(config);
        System.out.printf("documents: %d from %s; window %s tokens, stride %d; %d cores%n", docs, BenchTexts.describe(corpus),
                settings.windowTokens() > 0 ? settings.windowTokens() : "the model's", settings.windowStride(),
                Runtime.getRuntime().availableProcessors());

        int plainBatch = plainBatchOption != null ? plainBatchOption : fastestBatch(settings, texts);
        if (plainBatch <= 0) {
            throw new IllegalArgumentException("--plain-batch must be above 0");
        }
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

    /** The plain loop's best batch size: each of PLAIN_BATCHES timed on the first documents. */
    private static int fastestBatch(EncoderSettings settings, List<String> texts) throws Exception {
        List<String> trial = texts.subList(0, Math.min(TRIAL_DOCS, texts.size()));
        int best = PLAIN_BATCHES[0];
        double bestRate = 0;
        for (int batch : PLAIN_BATCHES) {
            double rate = plainPass(settings, trial, batch);
            System.out.printf("plain loop, batches of %d on the first %d documents: %.1f docs/s%n", batch, trial.size(), rate);
            if (rate > bestRate) {
                bestRate = rate;
                best = batch;
            }
        }
        return best;
    }

    /** One timed pass of the plain loop over all texts, after a warm-up on the first ones. */
    private static double plainPass(EncoderSettings settings, List<String> texts, int batch) throws Exception {
        try (PlainOrtLoop loop = new PlainOrtLoop(settings)) {
            loop.encode(texts.subList(0, Math.min(WARM_UP_DOCS, texts.size())), batch, Long.MAX_VALUE);
            loop.resetProfile();
            long started = System.nanoTime();
            loop.encode(texts, batch, Long.MAX_VALUE);
            double rate = texts.size() / ((System.nanoTime() - started) / 1e9);
            System.out.printf("  plain loop profile: %s%n", loop.profile().describe(texts.size()));
            return rate;
        }
    }

    /**
     * Documents per second from the first event produced to the last document searchable, after a
     * warm-up on the same stack (the first documents under other ids, until searchable), as the
     * plain loop is warmed up: a fresh JVM would otherwise time its JIT compiling Kafka, Kafka
     * Streams and RocksDB code.
     */
    private static double sporkEndToEnd(SporkConfig config, List<String> texts) throws Exception {
        try (BenchStack bench = new BenchStack(config);
             Producer<String, byte[]> producer = new KafkaProducer<>(bench.stack().node().settings().kafka().documentProducer())) {
            String topic = bench.stack().node().settings().topics().documents();
            SpladeEncoder encoder = bench.stack().node().encoder();
            System.out.printf("spork: encoder on %s, %s%n", encoder.device(), encoder.runtime());
            List<String> warmUp = texts.subList(0, Math.min(WARM_UP_DOCS, texts.size()));
            double warmUpSeconds = produceUntilSearchable(bench, producer, topic, "warm-up-", warmUp, 0);
            System.out.printf("spork: warm-up, %d documents searchable after %.1f s%n", warmUp.size(), warmUpSeconds);
            RunProfile before = RunProfile.of(encoder.stats());
            long busyBefore = encoder.stats().busyNanos();
            ThreadCpu cpu = new ThreadCpu();
            double seconds = produceUntilSearchable(bench, producer, topic, "doc-", texts, warmUp.size());
            System.out.printf("spork: %d documents searchable after %.1f s; model busy %.1f s%n",
                    texts.size(), seconds, (encoder.stats().busyNanos() - busyBefore) / 1e9);
            System.out.printf("  spork profile: %s%n", RunProfile.of(encoder.stats()).minus(before).describe(texts.size()));
            System.out.printf("  spork threads: %s%n", cpu.since());
            return texts.size() / seconds;
        }
    }

    /** Seconds from producing the texts (ids prefix + i) to all of them searchable, beside {@code already} indexed. */
    private static double produceUntilSearchable(BenchStack bench, Producer<String, byte[]> producer, String topic, String prefix,
                                                 List<String> texts, long already) throws InterruptedException {
        long started = System.nanoTime();
        for (int i = 0; i < texts.size(); i++) {
            String id = prefix + i;
            producer.send(new ProducerRecord<>(topic, id, DocumentEventCodec.write(DocumentEvent.upsert(id, null, texts.get(i), Map.of()))));
        }
        producer.flush();
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (bench.indexedDocuments() < already + texts.size()) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException((bench.indexedDocuments() - already) + " of " + texts.size() + " documents searchable after "
                        + TIMEOUT_MS / 1000 + " s");
            }
            Thread.sleep(POLL_MS);
        }
        return (System.nanoTime() - started) / 1e9;
    }
}
