package io.spork.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.spork.encoder.EncoderStats;
import io.spork.topology.LocalIndexes;
import io.spork.topology.TopologyObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Spork's metrics in Prometheus format ({@code GET /metrics}): ingest, encoding batches, indexing
 * lag (event time to searchable), query latency, dead letters, index size.
 */
public final class SporkMetrics implements TopologyObserver {
    private static final Duration MIN_EXPECTED = Duration.ofMillis(1);
    private static final Duration MAX_EXPECTED = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter indexed = Counter.builder("spork.documents.indexed").description("documents made searchable").register(registry);
    private final Counter deleted = Counter.builder("spork.documents.deleted").description("documents removed").register(registry);
    private final Counter unchanged = Counter.builder("spork.documents.unchanged")
            .description("upserts skipped because their content hash did not change").register(registry);
    private final DistributionSummary batchSize = DistributionSummary.builder("spork.encode.batch.size")
            .description("documents per model run").publishPercentileHistogram().register(registry);
    private final Timer batchTime = Timer.builder("spork.encode.batch.duration").description("time of one model run over a batch")
            .publishPercentileHistogram().minimumExpectedValue(MIN_EXPECTED).maximumExpectedValue(MAX_EXPECTED).register(registry);
    private final Timer indexingLag = Timer.builder("spork.indexing.lag").description("from the document event's timestamp to searchable")
            .publishPercentileHistogram().minimumExpectedValue(MIN_EXPECTED).maximumExpectedValue(MAX_EXPECTED).register(registry);
    private final Timer searchTime = Timer.builder("spork.search.duration").description("search latency, encoding included")
            .publishPercentileHistogram().minimumExpectedValue(MIN_EXPECTED).maximumExpectedValue(MAX_EXPECTED).register(registry);
    private final Counter partialSearches = Counter.builder("spork.search.partial")
            .description("searches answered without every partition").register(registry);

    /** Gauges of what the index and encoder hold; called once both exist. */
    public void watch(LocalIndexes indexes, EncoderStats encoder) {
        Gauge.builder("spork.index.documents", indexes, LocalIndexes::documentCount).description("live documents in local partitions").register(registry);
        Gauge.builder("spork.index.postings", indexes, LocalIndexes::postingCount).description("postings in local partitions").register(registry);
        Gauge.builder("spork.encoder.documents.per.second", encoder, EncoderStats::documentsPerSecond)
                .description("documents per second of encoder busy time").register(registry);
    }

    @Override
    public void indexed(String id, long eventTimeMs) {
        indexed.increment();
        long lag = System.currentTimeMillis() - eventTimeMs;
        if (lag >= 0) {
            indexingLag.record(lag, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void deleted(String id) {
        deleted.increment();
    }

    @Override
    public void encoded(int size, long nanos) {
        batchSize.record(size);
        batchTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void skippedUnchanged(String id) {
        unchanged.increment();
    }

    @Override
    public void deadLettered(String stage, String reason) {
        Counter.builder("spork.dead.letters").description("events sent to the dead-letter topic").tag("stage", stage)
                .register(registry).increment();
    }

    public void searched(long nanos, boolean partial) {
        searchTime.record(nanos, TimeUnit.NANOSECONDS);
        if (partial) {
            partialSearches.increment();
        }
    }

    public String scrape() {
        return registry.scrape();
    }
}
