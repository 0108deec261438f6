package io.spork.index;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many searches this process runs now, over every partition: what the merge thread looks at
 * to give way ({@link MergeThrottle}). Merges are computed on one background thread for the whole
 * process, so the count is process-wide too. A search costs two atomic increments.
 */
final class SearchesInFlight {
    private static final AtomicInteger COUNT = new AtomicInteger();

    private SearchesInFlight() {
    }

    static void started() {
        COUNT.incrementAndGet();
    }

    static void ended() {
        COUNT.decrementAndGet();
    }

    static boolean any() {
        return COUNT.get() > 0;
    }
}
