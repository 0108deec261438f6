package io.spork.eval;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Waits until a Spork instance's local indexes hold the expected number of documents, printing
 * progress every {@link #PROGRESS_INTERVAL}. It gives up when neither the searchable count nor the
 * encoder's count has moved for {@link #STALL_TIMEOUT} (under exactly-once, documents become
 * searchable in bursts, when the transaction that wrote their vectors commits), or when the overall
 * deadline passes.
 */
final class IndexWaiter {
    /** How often the counts are read. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** How often progress is printed. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    /** Nothing encoded and nothing made searchable for this long means the pipeline is stuck. */
    static final Duration STALL_TIMEOUT = Duration.ofMinutes(5);
    /** The overall deadline: this much, plus {@link #ALLOWANCE_PER_DOCUMENT} per document. */
    static final Duration BASE_TIMEOUT = Duration.ofMinutes(10);
    static final Duration ALLOWANCE_PER_DOCUMENT = Duration.ofMillis(500);

    private final LongSupplier searchableDocuments;
    private final LongSupplier encodedDocuments;
    private final PrintStream progress;

    /**
     * @param searchableDocuments documents in the local indexes now
     * @param encodedDocuments    documents the encoder has encoded so far (a sign of life only)
     */
    IndexWaiter(LongSupplier searchableDocuments, LongSupplier encodedDocuments, PrintStream progress) {
        this.searchableDocuments = searchableDocuments;
        this.encodedDocuments = encodedDocuments;
        this.progress = progress;
    }

    /**
     * @param startNanos when the first document was sent ({@link System#nanoTime()})
     * @return the System.nanoTime() at which the expected count was reached
     */
    long awaitDocuments(long expected, long startNanos) {
        long deadline = startNanos + BASE_TIMEOUT.plus(ALLOWANCE_PER_DOCUMENT.multipliedBy(expected)).toNanos();
        long lastSignOfLife = -1;
        long lastChange = startNanos;
        long nextReport = startNanos + PROGRESS_INTERVAL.toNanos();
        while (true) {
            long searchable = searchableDocuments.getAsLong();
            long now = System.nanoTime();
            if (searchable >= expected) {
                return now;
            }
            long encoded = encodedDocuments.getAsLong();
            long signOfLife = searchable + encoded;
            if (signOfLife != lastSignOfLife) {
                lastSignOfLife = signOfLife;
                lastChange = now;
            }
            if (now - lastChange > STALL_TIMEOUT.toNanos()) {
                throw new EvalException("indexing stalled at " + searchable + " of " + expected + " documents searchable ("
                        + encoded + " encoded): nothing moved for " + STALL_TIMEOUT.toMinutes()
                        + " minutes (refused events go to the dead-letter topic)");
            }
            if (now > deadline) {
                throw new EvalException("only " + searchable + " of " + expected + " documents were searchable after "
                        + Duration.ofNanos(now - startNanos).toMinutes() + " minutes");
            }
            if (now >= nextReport) {
                double seconds = (now - startNanos) / 1e9;
                progress.printf("spork eval: %d / %d documents searchable, %d encoded, after %.0f s%n",
                        searchable, expected, encoded, seconds);
                nextReport += PROGRESS_INTERVAL.toNanos();
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvalException("interrupted while waiting for indexing", e);
        }
    }
}
