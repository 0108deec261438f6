package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partition's merge in flight, at most one: picked by the {@link MergePolicy} from the writer's
 * segments, computed on a background executor from the inputs' live documents and their stored
 * floats, and handed back to the writer, who installs it, when it is done.
 */
final class BackgroundMerges {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundMerges.class);
    private static final ExecutorService SHARED = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "spork-segment-merge");
        t.setDaemon(true);
        return t;
    });

    /** A merge that finished: the merged segment and the segments it replaces. */
    record Finished(SealedSegment merged, List<SealedSegment> inputs) {
    }

    private final int partition;
    private final MergePolicy policy;
    private final double coreShare;
    private final int pacedSegments;
    private final VectorLookup lookup;
    private final Executor executor;
    private CompletableFuture<SealedSegment> running;
    private List<SealedSegment> inputs;
    /** Set when the partition closes: a merge reading the stores must stop before the task closes them. */
    private final AtomicBoolean stopped = new AtomicBoolean();

    BackgroundMerges(int partition, MergePolicy policy, VectorLookup lookup, Executor executor) {
        this(partition, policy, 1.0, Integer.MAX_VALUE, lookup, executor);
    }

    /**
     * @param coreShare     the share of one core a merge may take while searches run ({@link MergeThrottle}; 1: never paced)
     * @param pacedSegments a merge started when the partition holds more sealed segments than this runs flat out (the merges fell behind)
     */
    BackgroundMerges(int partition, MergePolicy policy, double coreShare, int pacedSegments, VectorLookup lookup, Executor executor) {
        this.partition = partition;
        this.policy = policy;
        this.coreShare = coreShare;
        this.pacedSegments = pacedSegments;
        this.lookup = lookup;
        this.executor = executor;
    }

    /** The shared background thread that computes merges. */
    static Executor sharedExecutor() {
        return SHARED;
    }

    boolean running() {
        return running != null;
    }

    /** Starts the merge the policy asks for now, unless one is running; the merged segment gets the number asked of {@code numbers}. */
    void start(List<SealedSegment> segments, List<LiveSet> live, IntSupplier numbers) {
        if (running != null || stopped.get()) {
            return;
        }
        List<Integer> picked = policy.pick(segments, live);
        if (picked.isEmpty()) {
            return;
        }
        List<SealedSegment> from = new ArrayList<>();
        List<LiveSet> fromLive = new ArrayList<>();
        for (int p : picked) {
            from.add(segments.get(p));
            fromLive.add(live.get(p));
        }
        int number = numbers.getAsInt();
        inputs = from;
        // Paced merges that fell behind would let segments pile up, and every search pay for them.
        double share = segments.size() > pacedSegments ? 1.0 : coreShare;
        running = CompletableFuture.supplyAsync(() -> merged(number, from, fromLive, stoppable(lookup), MergeThrottle.starting(share)), executor);
    }

    /** The merge that finished since the last call, or null (none running, still running, or failed: then the segments stay). */
    Finished poll() {
        if (running == null || !running.isDone()) {
            return null;
        }
        List<SealedSegment> replaced = inputs;
        CompletableFuture<SealedSegment> done = running;
        running = null;
        inputs = null;
        try {
            return new Finished(done.join(), replaced);
        } catch (RuntimeException e) {
            LOG.warn("merge of {} segments of partition {} failed; the segments stay as they are", replaced.size(), partition, e);
            return null;
        }
    }

    /**
     * Stops the running merge, if any, and waits until it no longer reads the stores: the task
     * closes them right after (a merge reading a closed RocksDB crashes the JVM). No merge starts after.
     */
    void stop() {
        stopped.set(true);
        CompletableFuture<SealedSegment> merge = running;
        running = null;
        inputs = null;
        if (merge != null) {
            try {
                merge.join();
            } catch (RuntimeException expected) {
                LOG.debug("merge of partition {} stopped at close", partition);
            }
        }
    }

    private VectorLookup stoppable(VectorLookup stores) {
        return (id, sequence) -> {
            if (stopped.get()) {
                throw new CancellationException("partition " + partition + " closed during a merge");
            }
            return stores.vector(id, sequence);
        };
    }

    /** Waits for the running merge, if any, to finish; a failed merge throws here. */
    void await() {
        if (running != null) {
            running.join();
        }
    }

    /** The inputs' live documents, read from the stored floats, as one segment (off the writer's thread). */
    static SealedSegment merged(int number, List<SealedSegment> inputs, List<LiveSet> inputLive, VectorLookup lookup) {
        return merged(number, inputs, inputLive, lookup, MergeThrottle.starting(1.0));
    }

    /** As {@link #merged(int, List, List, VectorLookup)}, paced by the throttle after each document. */
    static SealedSegment merged(int number, List<SealedSegment> inputs, List<LiveSet> inputLive, VectorLookup lookup, MergeThrottle throttle) {
        SegmentBuilder builder = new SegmentBuilder();
        MergePostings postings = MergePostings.forInputs(inputs);
        for (int s = 0; s < inputs.size(); s++) {
            SealedSegment segment = inputs.get(s);
            for (int d = 0; d < segment.size(); d++) {
                if (!inputLive.get(s).get(d)) {
                    continue;
                }
                String id = segment.id(d);
                SparseVector v = lookup.vector(id, segment.sequences[d]);
                if (v == null) {
                    continue;
                }
                int ordinal = builder.document(id, segment.sequences[d], v.size());
                for (int i = 0; i < v.size(); i++) {
                    if (postings != null) {
                        postings.add(v.idAt(i), ordinal, v.weightAt(i));
                    } else {
                        builder.posting(v.idAt(i), ordinal, v.weightAt(i));
                    }
                }
                throttle.pace();
            }
        }
        if (postings != null) {
            postings.into(builder);
        }
        return builder.build(number);
    }
}
