package io.spork.bench;

import io.spork.config.SporkConfig;
import io.spork.measure.LatencyHistogram;
import io.spork.schema.JsonSerde;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./spork bench load [--clients 8] [--seconds 60] [--write-share 0.2] [--preload 500]}: a
 * bounded load test on loopback. Concurrent clients mix searches and document posts against the
 * embedded stack for a fixed time; then it checks that every acknowledged post is searchable
 * (none lost) and reports throughput and latency. Exits non-zero on any error or loss.
 */
public final class LoadBenchmark {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long DRAIN_TIMEOUT_MS = 300_000;
    private static final String[] QUERY_WORDS = ("protein cell virus drug trial patient heart brain memory gene cancer therapy "
            + "insulin diabetes vaccine immune infection tumor mutation blood pressure risk").split(" ");

    /** What a load run measured. */
    public record Report(int searches, int posts, int errors, double seconds, double[] searchMs, double[] postMs,
                         long expectedDocuments, long indexedDocuments) {
        public boolean clean() {
            return errors == 0 && expectedDocuments == indexedDocuments;
        }
    }

    private LoadBenchmark() {
    }

    static int run(int clients, int seconds, double writeShare, int preload, Path corpus, SporkConfig config) throws Exception {
        List<String> texts = BenchTexts.load(corpus, Math.max(preload, 1000), 3);
        try (BenchStack bench = new BenchStack(config)) {
            Report r = drive(bench.baseUrl(), texts, preload, clients, Duration.ofSeconds(seconds), writeShare, bench::indexedDocuments);
            LatencyHistogram s = LatencyHistogram.ofMillis(r.searchMs());
            LatencyHistogram p = LatencyHistogram.ofMillis(r.postMs());
            System.out.printf("clients: %d for %.0f s, %.0f%% writes, texts %s%n", clients, r.seconds(), writeShare * 100, BenchTexts.describe(corpus));
            System.out.printf("searches: %d (%.1f/s) p50 %.1f ms p99 %.1f ms%n", r.searches(), r.searches() / r.seconds(), s.percentileMillis(50), s.percentileMillis(99));
            System.out.printf("posts: %d (%.1f/s) p50 %.1f ms p99 %.1f ms%n", r.posts(), r.posts() / r.seconds(), p.percentileMillis(50), p.percentileMillis(99));
            System.out.printf("throughput_requests_per_s: %.1f%n", (r.searches() + r.posts()) / r.seconds());
            System.out.println("errors: " + r.errors());
            System.out.println("documents_expected: " + r.expectedDocuments() + ", indexed: " + r.indexedDocuments()
                    + ", lost: " + (r.expectedDocuments() - r.indexedDocuments()));
            return r.clean() ? 0 : 1;
        }
    }

    /**
     * Preloads documents, runs the clients, then waits until every acknowledged post is indexed.
     *
     * @param indexed how many documents the index holds now
     */
    public static Report drive(String baseUrl, List<String> texts, int preload, int clients, Duration duration, double writeShare,
                               java.util.function.LongSupplier indexed) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
        AtomicInteger nextId = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        for (int i = 0; i < preload; i++) {
            if (!post(http, baseUrl, "load-" + nextId.getAndIncrement(), texts.get(i % texts.size()))) {
                errors.incrementAndGet();
            }
        }
        ConcurrentLinkedQueue<Double> searchMs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Double> postMs = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + duration.toNanos();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long seed = c;
            running.add(pool.submit(() -> {
                Random random = new Random(seed);
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    boolean ok;
                    if (random.nextDouble() < writeShare) {
                        int id = nextId.getAndIncrement();
                        ok = post(http, baseUrl, "load-" + id, texts.get(id % texts.size()));
                        postMs.add((System.nanoTime() - t0) / 1e6);
                    } else {
                        String q = QUERY_WORDS[random.nextInt(QUERY_WORDS.length)] + " " + QUERY_WORDS[random.nextInt(QUERY_WORDS.length)];
                        ok = search(http, baseUrl, q);
                        searchMs.add((System.nanoTime() - t0) / 1e6);
                    }
                    if (!ok) {
                        errors.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - started) / 1e9;
        long expected = nextId.get() - errors.get();
        long deadline = System.currentTimeMillis() + DRAIN_TIMEOUT_MS;
        while (indexed.getAsLong() < expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        return new Report(searchMs.size(), postMs.size(), errors.get(), seconds,
                searchMs.stream().mapToDouble(Double::doubleValue).toArray(), postMs.stream().mapToDouble(Double::doubleValue).toArray(),
                expected, indexed.getAsLong());
    }

    private static boolean post(HttpClient http, String baseUrl, String id, String text) {
        try {
            byte[] body = JsonSerde.MAPPER.writeValueAsBytes(Map.of("id", id, "text", text));
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/documents")).timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 202;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean search(HttpClient http, String baseUrl, String q) {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/search?k=10&q="
                    + URLEncoder.encode(q, StandardCharsets.UTF_8))).timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
