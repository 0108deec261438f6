package io.spork.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import io.spork.testing.TestModels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Model threads side by side give every batch its own texts' vectors, whichever thread ran it. */
class EncodeWorkerTest {
    private final SpladeEncoder encoder = TestModels.sharedEncoder();

    @Test
    void batchesRunOnSeveralModelThreadsGetTheirOwnVectors() throws Exception {
        List<List<String>> batches = new ArrayList<>();
        for (int b = 0; b < 12; b++) {
            List<String> texts = new ArrayList<>();
            for (int t = 0; t <= b % 4; t++) {
                texts.add("Batch " + b + " text " + t + ": " + "the quiet town by the river. ".repeat(1 + (b * 7 + t) % 9));
            }
            batches.add(texts);
        }
        Set<String> threadsSeen = new HashSet<>();
        try (EncodeWorker worker = EncodeWorker.started(encoder, 600, 3)) {
            List<CompletableFuture<EncodeWorker.Result>> results = new ArrayList<>();
            for (List<String> texts : batches) {
                results.add(worker.submit(texts.stream().map(encoder::windowed).toList())
                        .whenComplete((r, e) -> {
                            synchronized (threadsSeen) {
                                threadsSeen.add(Thread.currentThread().getName());
                            }
                        }));
            }
            for (int b = 0; b < batches.size(); b++) {
                List<EncodeWorker.Outcome> outcomes = results.get(b).get(60, TimeUnit.SECONDS).outcomes();
                assertEquals(batches.get(b).size(), outcomes.size());
                for (int t = 0; t < outcomes.size(); t++) {
                    SparseVector expected = encoder.encode(batches.get(b).get(t));
                    SparseVector got = outcomes.get(t).vector();
                    for (int i = 0; i < expected.size(); i++) {
                        assertEquals(expected.weightAt(i), got.weightOf(expected.idAt(i)), 1e-4, "batch " + b + " text " + t);
                    }
                    assertEquals(expected.size(), got.size(), "batch " + b + " text " + t);
                }
            }
        }
        assertTrue(threadsSeen.stream().allMatch(n -> n.startsWith("spork-encoder-")), threadsSeen.toString());
    }

    @Test
    void aWorkerNeedsAModelThread() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EncodeWorker.started(encoder, 600, 0));
        assertEquals("an encode worker needs at least one model thread, not 0", e.getMessage());
    }

    @Test
    void batchesQueuedAfterCloseFail() {
        EncodeWorker worker = EncodeWorker.started(encoder, 600, 2);
        worker.close();
        CompletableFuture<EncodeWorker.Result> late = worker.submit(List.of(encoder.windowed("too late")));
        assertTrue(late.isCompletedExceptionally());
    }
}
