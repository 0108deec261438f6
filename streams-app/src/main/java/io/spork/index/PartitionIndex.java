package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable index of one partition, as segments: a small in-memory growing segment that
 * takes new documents ({@link GrowingSegment}), sealed into an immutable, block-compressed
 * {@link SealedSegment} after N documents or T milliseconds, and merged by a tiered policy in the
 * background ({@link BackgroundMerges}). An update or a delete marks the old entry dead in its
 * segment's {@link LiveSet}; no segment is ever rewritten in place.
 *
 * <p>One writer (the partition's stream thread) changes it; after every change it publishes an
 * immutable {@link IndexView} ({@link PartitionSegments}), and a search reads the view current
 * when it starts: no search waits for a write, a seal or a merge.
 */
public final class PartitionIndex {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionIndex.class);

    private record HeldVector(long sequence, SparseVector vector) {
    }

    private final int partition;
    private final IndexSettings settings;
    private final VectorLookup lookup;
    private final Map<String, HeldVector> held;
    private final SegmentSink sink;
    private final PartitionSegments state;
    private final BackgroundMerges merges;
    private long growingSince;
    private long nextSequence;
    private int nextSegment;

    /** A standalone index that keeps its documents' float vectors itself. */
    public PartitionIndex(int partition) {
        this(partition, IndexSettings.DEFAULTS);
    }

    public PartitionIndex(int partition, IndexSettings settings) {
        this(partition, settings, null, SegmentSink.NONE, BackgroundMerges.sharedExecutor());
    }

    /**
     * @param lookup   the stored vectors (rescoring, merges); null to keep them in this index
     * @param executor where merges are computed
     */
    PartitionIndex(int partition, IndexSettings settings, VectorLookup lookup, SegmentSink sink, Executor executor) {
        this.partition = partition;
        this.settings = settings;
        this.held = lookup == null ? new ConcurrentHashMap<>() : null;
        this.lookup = lookup != null ? lookup : (id, sequence) -> {
            HeldVector h = held.get(id);
            return h != null && h.sequence() == sequence ? h.vector() : null;
        };
        this.sink = sink;
        this.state = new PartitionSegments(settings.sealDocuments());
        this.merges = new BackgroundMerges(partition, new MergePolicy(settings), settings.mergeCoreShare(), settings.mergePacedSegments(),
                this.lookup, executor);
    }

    /** The shared background thread that computes merges. */
    static Executor mergeExecutor() {
        return BackgroundMerges.sharedExecutor();
    }

    public int partition() {
        return partition;
    }

    /** Adds or replaces a document; returns the sequence number of its new version. */
    public long upsert(String id, SparseVector vector) {
        installMerge();
        remove(id);
        long sequence = nextSequence++;
        add(id, sequence, vector);
        startMerge();
        return sequence;
    }

    private void add(String id, long sequence, SparseVector vector) {
        if (state.growing().full()) {
            seal();
        }
        if (held != null) {
            held.put(id, new HeldVector(sequence, vector));
        }
        if (state.addGrowing(id, sequence, vector) == 0) {
            growingSince = -1;
        }
        state.publish();
        if (state.growing().full()) {
            seal();
        }
    }

    /** Removes a document; false when it was not indexed. */
    public boolean delete(String id) {
        installMerge();
        boolean removed = remove(id);
        if (removed) {
            state.publish();
            startMerge();
        }
        return removed;
    }

    private boolean remove(String id) {
        boolean removed = state.remove(id);
        if (removed && held != null) {
            held.remove(id);
        }
        return removed;
    }

    /** Seals the growing segment when it is old enough, installs a finished merge, starts the next (the writer's wall-clock tick). */
    public void tick(long nowMs) {
        int growing = state.growing().size();
        if (growing > 0 && growingSince < 0) {
            // The age counts from the first tick that sees the segment, in the caller's clock.
            growingSince = nowMs;
        } else if (growing > 0 && nowMs - growingSince >= settings.sealMs()) {
            seal();
        }
        installMerge();
        startMerge();
    }

    /** Seals the growing segment now (when it holds any document). */
    public void seal() {
        if (state.growing().size() == 0) {
            return;
        }
        SealedSegment sealed = state.sealGrowing(nextSegment);
        if (sealed != null) {
            nextSegment++;
            sink.sealed(sealed);
        }
        startMerge();
    }

    private void startMerge() {
        merges.start(state.segments(), state.live(), () -> nextSegment++);
    }

    /** Installs a finished merge: documents that died while it ran are dead in the merged segment, those it missed are added again. */
    private void installMerge() {
        BackgroundMerges.Finished done = merges.poll();
        if (done == null) {
            return;
        }
        for (PartitionSegments.Orphan orphan : state.installMerged(done.merged(), done.inputs())) {
            SparseVector v = lookup.vector(orphan.id(), orphan.sequence());
            if (v != null) {
                add(orphan.id(), orphan.sequence(), v);
            } else {
                if (held != null) {
                    held.remove(orphan.id());
                }
                LOG.warn("document {} of partition {} had no stored vector when its segment was merged; dropped", orphan.id(), partition);
            }
        }
        sink.merged(done.merged(), done.inputs());
    }

    /** Stops background merging for good and waits until no merge reads the stores (the task is closing them). */
    public void stopMerges() {
        merges.stop();
    }

    /** Waits for the merges the policy asks for now, installing each (the writer's thread; tests and benchmarks). */
    public void awaitMerges() {
        startMerge();
        while (merges.running()) {
            merges.await();
            installMerge();
            startMerge();
        }
    }

    /**
     * Starts an empty index from its restored sealed segments and live sets ({@link SegmentRestore},
     * {@link CheckpointRestore}); on any thread, before the index is shared (the opening's).
     */
    void install(SegmentRestore.Restored restored) {
        state.install(restored);
        nextSegment = Math.max(nextSegment, restored.nextSegment());
        nextSequence = Math.max(nextSequence, restored.nextSequence());
    }

    /**
     * Adds the restored pending documents (they were growing when the task stopped) to the growing
     * segment again; on the writer's thread, as a full growing segment is sealed.
     *
     * @param vectors the stored vector of each pending document, in order (null: no longer stored, left out)
     */
    void addPending(List<SegmentRestore.Pending> pending, List<SparseVector> vectors) {
        for (int i = 0; i < pending.size(); i++) {
            SparseVector v = vectors.get(i);
            if (v != null) {
                add(pending.get(i).id(), pending.get(i).sequence(), v);
            }
        }
    }

    /**
     * The companion that writes this index's liveness checkpoint at each commit of its document store.
     *
     * @param stale the side keys the store held at the opening (the first commit deletes those it does not rewrite)
     */
    io.spork.state.SideRecords.Companion checkpoint(List<byte[]> stale) {
        return new LiveCheckpoint(state, () -> nextSequence, () -> nextSegment, stale);
    }

    /** The sequence number the next upsert gets (so a writer can store it first). */
    public long nextSequence() {
        return nextSequence;
    }

    /** Exact top-k by dot product over the live documents, best first (ties by id ascending). */
    public List<ScoredDocument> search(SparseVector query, int k) {
        return searched(query, k, null, null);
    }

    /** The same, for one of several partitions answering one search: hits below the shared floor may be left out. */
    public List<ScoredDocument> search(SparseVector query, int k, ScoreFloor floor) {
        return searched(query, k, floor, null);
    }

    /** As {@link #search(SparseVector, int)}, adding what the search did to stats. */
    public List<ScoredDocument> search(SparseVector query, int k, SearchStats stats) {
        return searched(query, k, null, stats);
    }

    /** A search, counted in flight while it runs (merges give way to it: {@link MergeThrottle}). */
    private List<ScoredDocument> searched(SparseVector query, int k, ScoreFloor floor, SearchStats stats) {
        SearchesInFlight.started();
        try {
            return SegmentScorer.search(state.view(), query, k, lookup, settings.windowShift(), floor, stats);
        } finally {
            SearchesInFlight.ended();
        }
    }

    public boolean contains(String id) {
        return state.contains(id);
    }

    public int documentCount() {
        return state.view().documents();
    }

    public long postingCount() {
        return state.view().postings();
    }

    /** Sealed segments now. */
    public int segmentCount() {
        return state.view().segments().size();
    }

    /** Postings of dead documents still held by sealed segments (merges drop them). */
    public long deadPostings() {
        return IndexStatistics.deadPostings(state.view());
    }

    /** Bytes of the sealed segments' read form and of the growing segment. */
    public long memoryBytes() {
        return IndexStatistics.memoryBytes(state.view());
    }
}
