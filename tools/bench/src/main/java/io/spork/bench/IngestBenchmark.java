package io.spork.bench;

import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventCodec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code ./spork bench ingest [--docs N] [--corpus corpus.jsonl] [--plain-batch B] [--rounds R] [--device cpu|cuda]}:
 * how close Spork's ingest comes to the model's own speed, both measured in this one command on
 * the same texts and protocol (the windows of {@code encoder.window-tokens}, pooling, sparse vectors):
 * <ul>
 * <li>Spork end to end on a fresh embedded stack, warmed up on the first documents as the plain
 *     loop is: from the first event produced to the last document searchable (Kafka, validation,
 *     the encode buffer, the model, the vectors topic, indexing, exactly-once commits);
 * <li>a plain ONNX Runtime loop over the same model ({@link PlainOrtLoop}) in its best
 *     configuration: every window of the corpus sorted by length, batches of
 *     {@code --plain-batch} windows (else the fastest of 8, 16 and 32 on the first documents),
 *     intra-op threads = cores, tokenization and pooling included, warmed up.
 * </ul>
 * The sides take turns, plain first and last: R rounds, each a Spork pass (its own fresh stack)
 * between two plain passes. On a shared machine the load changes within a minute, so each round's
 * ratio is Spork over the faster of the two plain passes beside it, and the median round counts.
 * Each pass also reports the process's CPU seconds, so that a slower pass can be told apart from a
 * pass that got fewer cores. Last line: {@code ingest_efficiency: X}.
 */
final class IngestBenchmark {
    /** The plain loop's batch sizes tried (on the first documents) when --plain-batch is not given. */
    private static final int[] PLAIN_BATCHES = {8, 16, 32};
    private static final int WARM_UP_DOCS = 200;
    private static final int TRIAL_DOCS = 400;
    private static final long POLL_MS = 5;
    private static final long TIMEOUT_MS = 3_600_000;

    /** One timed pass: documents per second of wall clock and per CPU second of the process. */
    private record Pass(double docsPerSecond, double docsPerCpuSecond, double cores) {
    }

    private IngestBenchmark() {
    }

    /** @param docsOption --docs, null for the whole corpus; device and plainBatchOption likewise null when not given */
    static int run(Path corpus, Integer docsOption, String device, Integer plainBatchOption, int rounds, SporkConfig config)
            throws Exception {
        int docs = docsOption != null ? docsOption : BenchTexts.count(corpus);
        if (docs <= 0) {
            throw new IllegalArgumentException("--docs must be above 0");
        }
        if (rounds <= 0) {
            throw new IllegalArgumentException("--rounds must be above 0");
        }
        if (device != null) {
            config = config.with(EncoderSettings.DEVICE, device);
        }
        List<String> texts = BenchTexts.load(corpus, docs, 1);
        EncoderSettings settings = EncoderSettings.from(config);
        System.out.printf("documents: %d from %s; window %s tokens, stride %d; %d cores; %d rounds%n", docs, BenchTexts.describe(corpus),
                settings.windowTokens() > 0 ? settings.windowTokens() : "the model's", settings.windowStride(),
                Runtime.getRuntime().availableProcessors(), rounds);

        int plainBatch = plainBatchOption != null ? plainBatchOption : fastestBatch(settings, texts);
        if (plainBatch <= 0) {
            throw new IllegalArgumentException("--plain-batch must be above 0");
        }
        List<Pass> plain = new ArrayList<>();
        List<Pass> spork = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        plain.add(plainPass(settings, texts, plainBatch, 0));
        for (int round = 1; round <= rounds; round++) {
            spork.add(sporkEndToEnd(config, texts, round));
            plain.add(plainPass(settings, texts, plainBatch, round));
            double beside = Math.max(plain.get(round - 1).docsPerSecond(), plain.get(round).docsPerSecond());
            ratios.add(spork.get(round - 1).docsPerSecond() / beside);
            System.out.printf("round %d: spork %.1f docs/s against %.1f (the faster plain pass beside it): %.3f%n",
                    round, spork.get(round - 1).docsPerSecond(), beside, ratios.get(round - 1));
        }
        double sporkCpu = median(spork.stream().map(Pass::docsPerCpuSecond).toList());
        double plainCpu = median(plain.stream().map(Pass::docsPerCpuSecond).toList());
        System.out.printf("ingest_docs_per_cpu_s: %.2f (median pass)%n", sporkCpu);
        System.out.printf("plain_loop_docs_per_cpu_s: %.2f (median pass)%n", plainCpu);
        System.out.printf("cpu_efficiency: %.3f (documents per CPU second of the process, Spork over the plain loop)%n", sporkCpu / plainCpu);
        System.out.printf("ingest_docs_per_s: %.1f (median pass)%n", median(spork.stream().map(Pass::docsPerSecond).toList()));
        System.out.printf("plain_loop_docs_per_s: %.1f (median pass; batches of %d length-sorted windows)%n",
                median(plain.stream().map(Pass::docsPerSecond).toList()), plainBatch);
        System.out.printf("ingest_efficiency: %.3f%n", median(ratios));
        return 0;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The plain loop's best batch size: each of PLAIN_BATCHES timed on the first documents. */
    private static int fastestBatch(EncoderSettings settings, List<String> texts) throws Exception {
        List<String> trial = texts.subList(0, Math.min(TRIAL_DOCS, texts.size()));
        int best = PLAIN_BATCHES[0];
        double bestRate = 0;
        for (int batch : PLAIN_BATCHES) {
            double rate = plainRate(settings, trial, batch);
            System.out.printf("plain loop, batches of %d on the first %d documents: %.1f docs/s%n", batch, trial.size(), rate);
            if (rate > bestRate) {
                bestRate = rate;
                best = batch;
            }
        }
        return best;
    }

    /** One timed pass of the plain loop over all texts, after a warm-up on the first ones. */
    private static double plainRate(EncoderSettings settings, List<String> texts, int batch) throws Exception {
        return timedPlainPass(settings, texts, batch).docsPerSecond();
    }

    private static Pass plainPass(EncoderSettings settings, List<String> texts, int batch, int round) throws Exception {
        Pass pass = timedPlainPass(settings, texts, batch);
        System.out.printf("plain loop, pass %d: %.1f docs/s, %.2f cores%n", round + 1, pass.docsPerSecond(), pass.cores());
        return pass;
    }

    private static Pass timedPlainPass(EncoderSettings settings, List<String> texts, int batch) throws Exception {
        try (PlainOrtLoop loop = new PlainOrtLoop(settings)) {
            loop.encode(texts.subList(0, Math.min(WARM_UP_DOCS, texts.size())), batch, settings.runTokens());
            loop.resetProfile();
            ThreadCpu cpu = new ThreadCpu();
            long started = System.nanoTime();
            loop.encode(texts, batch, settings.runTokens());
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("  plain loop profile: %s%n", loop.profile().describe(texts.size()));
            return new Pass(texts.size() / seconds, texts.size() / cpu.processCpuSeconds(), cpu.processCpuSeconds() / seconds);
        }
    }

    /**
     * Documents per second from the first event produced to the last document searchable, after a
     * warm-up on the same stack (the first documents under other ids, until searchable), as the
     * plain loop is warmed up: a fresh JVM would otherwise time its JIT compiling Kafka, Kafka
     * Streams and RocksDB code.
     */
    private static Pass sporkEndToEnd(SporkConfig config, List<String> texts, int round) throws Exception {
        try (BenchStack bench = new BenchStack(config);
             Producer<String, byte[]> producer = new KafkaProducer<>(bench.stack().node().settings().kafka().documentProducer())) {
            String topic = bench.stack().node().settings().topics().documents();
            SpladeEncoder encoder = bench.stack().node().encoder();
            System.out.printf("spork, round %d: encoder on %s, %s%n", round, encoder.device(), encoder.runtime());
            List<String> warmUp = texts.subList(0, Math.min(WARM_UP_DOCS, texts.size()));
            double warmUpSeconds = produceUntilSearchable(bench, producer, topic, "warm-up-", warmUp, 0);
            System.out.printf("spork: warm-up, %d documents searchable after %.1f s%n", warmUp.size(), warmUpSeconds);
            RunProfile before = RunProfile.of(encoder.stats());
            long busyBefore = encoder.stats().busyNanos();
            ThreadCpu cpu = new ThreadCpu();
            double seconds = produceUntilSearchable(bench, producer, topic, "doc-", texts, warmUp.size());
            double cpuSeconds = cpu.processCpuSeconds();
            System.out.printf("spork: %d documents searchable after %.1f s; model busy %.1f s; %.2f cores%n",
                    texts.size(), seconds, (encoder.stats().busyNanos() - busyBefore) / 1e9, cpuSeconds / seconds);
            System.out.printf("  spork profile: %s%n", RunProfile.of(encoder.stats()).minus(before).describe(texts.size()));
            System.out.printf("  spork threads: %s%n", cpu.since());
            return new Pass(texts.size() / seconds, texts.size() / cpuSeconds, cpuSeconds / seconds);
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
