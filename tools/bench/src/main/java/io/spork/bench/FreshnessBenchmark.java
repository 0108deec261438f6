package io.spork.bench;

import io.spork.config.SporkConfig;
import io.spork.kafka.KafkaSettings;
import io.spork.measure.LatencyHistogram;
import io.spork.schema.JsonSerde;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * {@code ./spork bench freshness [--rate R] [--seconds 60] [--burst 2000] [--corpus corpus.jsonl]}:
 * on the embedded stack, first the sustained maximum ingest rate (a burst of documents, timed
 * until all are searchable), then documents produced at R per second (default: half the maximum)
 * for the given time, with the produce-to-searchable latency of each. Last line
 * {@code freshness_p99_ms: X}.
 */
final class FreshnessBenchmark {
    private static final long TICK_MS = 10;
    private static final long DRAIN_TIMEOUT_MS = 600_000;

    private FreshnessBenchmark() {
    }

    /** @param rateOption --rate in documents a second, null for half the measured maximum */
    static int run(int seconds, int burst, Double rateOption, Path corpus, SporkConfig config) throws Exception {
        List<String> texts = BenchTexts.load(corpus, Math.max(burst, 1000), 7);
        System.out.println("texts: " + BenchTexts.describe(corpus));
        try (BenchStack bench = new BenchStack(config);
             Producer<String, byte[]> producer = new KafkaProducer<>(KafkaSettings.documentProducer(
                     bench.stack().node().config()))) {
            long started = System.nanoTime();
            for (int i = 0; i < burst; i++) {
                send(bench, producer, "burst-" + i, texts.get(i % texts.size()));
            }
            producer.flush();
            awaitDrained(bench);
            double maxRate = burst / ((System.nanoTime() - started) / 1e9);
            bench.drainLatenciesMs();
            System.out.printf("max_sustained_docs_per_s: %.1f (%d documents until all searchable)%n", maxRate, burst);

            double rate = rateOption != null ? rateOption : maxRate / 2;
            long total = Math.round(rate * seconds);
            long begin = System.nanoTime();
            for (long sent = 0; sent < total; ) {
                long due = Math.min(total, (long) (rate * (System.nanoTime() - begin) / 1e9) + 1);
                for (; sent < due; sent++) {
                    send(bench, producer, "fresh-" + sent, texts.get((int) (sent % texts.size())));
                }
                Thread.sleep(TICK_MS);
            }
            producer.flush();
            awaitDrained(bench);
            LatencyHistogram p = LatencyHistogram.ofMillis(bench.drainLatenciesMs());
            System.out.printf("rate_docs_per_s: %.1f for %d s (%d documents)%n", rate, seconds, p.count());
            System.out.printf("freshness_p50_ms: %.0f%n", p.percentileMillis(50));
            System.out.printf("freshness_p99_ms: %.0f%n", p.percentileMillis(99));
        }
        return 0;
    }

    private static void send(BenchStack bench, Producer<String, byte[]> producer, String id, String text) throws Exception {
        byte[] value = JsonSerde.MAPPER.writeValueAsBytes(Map.of("id", id, "text", text));
        bench.sent(id);
        producer.send(new ProducerRecord<>(bench.stack().node().config().get(io.spork.config.ConfigKeys.TOPICS_DOCUMENTS), id, value));
    }

    private static void awaitDrained(BenchStack bench) throws InterruptedException {
        long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        while (bench.inFlight() > 0) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(bench.inFlight() + " documents were not searchable after " + DRAIN_TIMEOUT_MS / 1000 + " s");
            }
            Thread.sleep(TICK_MS);
        }
    }
}
