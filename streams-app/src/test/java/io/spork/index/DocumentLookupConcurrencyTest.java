package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The API asks a partition whether it holds a document from its own threads while the stream
 * thread writes: the location table answers them exactly through seals (growing places moved to
 * a segment) and merges (places moved to the merged segment, inputs dropped).
 */
class DocumentLookupConcurrencyTest {
    @Test
    void aLiveDocumentIsFoundFromAnotherThreadThroughSealsAndMerges() throws InterruptedException {
        PartitionIndex index = new PartitionIndex(0, new IndexSettings(50, 60_000, 3, 0.3, 100_000, 4), null, SegmentSink.NONE, Runnable::run);
        Random random = new Random(11);
        for (int i = 0; i < 100; i++) {
            index.upsert("stable-" + i, vector(random));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger wrong = new AtomicInteger();
        AtomicLong lookups = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                for (int i = 0; i < 100; i++) {
                    if (!index.contains("stable-" + i)) {
                        wrong.incrementAndGet();
                    }
                }
                if (index.contains("never-written")) {
                    wrong.incrementAndGet();
                }
                lookups.addAndGet(101);
            }
        }, "api-thread");
        reader.start();
        Set<String> live = new HashSet<>();
        int segmentsSeen = 0;
        for (int op = 0; op < 6000; op++) {
            String id = "w-" + random.nextInt(800);
            if (random.nextInt(6) == 0) {
                index.delete(id);
                live.remove(id);
            } else {
                index.upsert(id, vector(random));
                live.add(id);
            }
            segmentsSeen = Math.max(segmentsSeen, index.segmentCount());
        }
        stop.set(true);
        reader.join();
        assertEquals(0, wrong.get(), "lookups that missed a live document or found one never written, of " + lookups.get());
        assertTrue(segmentsSeen >= 3 && lookups.get() > 0, "seals and merges happened while the reader ran");
        for (int i = 0; i < 800; i++) {
            assertEquals(live.contains("w-" + i), index.contains("w-" + i), "w-" + i);
        }
        assertEquals(100 + live.size(), index.documentCount());
    }

    private static SparseVector vector(Random random) {
        int a = random.nextInt(40);
        return new SparseVector(new int[] {a, 40 + random.nextInt(40)}, new float[] {0.1f + random.nextFloat(), 0.1f + random.nextFloat()});
    }
}
