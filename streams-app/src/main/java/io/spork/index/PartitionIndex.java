package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The searchable index of one partition, as segments: a small in-memory growing segment that
 * takes new documents ({@link GrowingSegment}), sealed into an immutable, block-compressed
 * {@link SealedSegment} after N documents or T milliseconds, and merged by a tiered policy in the
 * background. An update or a delete marks the old entry dead in its segment's {@link LiveSet};
 * no segment is ever rewritten in place.
 *
 * <p>One writer (the partition's stream thread) changes it; after every change it publishes an
 * immutable {@link IndexView}, and a search reads the view current when it starts: no search
 * waits for a write, a seal or a merge. Merges are computed on a background thread from the
 * view's segments and stored floats, and installed by the writer.
 */
public final class PartitionIndex {
    private static final Logger LOG = LoggerFactory.getLogger(PartitionIndex.class);
    private static final ExecutorService MERGES = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "spork-segment-merge");
        t.setDaemon(true);
        return t;
    });
    private static final int GROWING = -1;

    /** Where the live version of a document is: segment number (or growing), ordinal, sequence number. */
    private record Location(int segment, int ordinal, long sequence) {
    }

    private record HeldVector(long sequence, SparseVector vector) {
    }

    private final int partition;
    private final IndexSettings settings;
    private final VectorLookup lookup;
    private final Map<String, HeldVector> held;
    private final SegmentSink sink;
    private final Executor executor;
    private final MergePolicy policy;
    private final Map<String, Location> locations = new ConcurrentHashMap<>();
    private final List<SealedSegment> segments = new ArrayList<>();
    private final List<LiveSet> live = new ArrayList<>();
    private GrowingSegment growing;
    private LiveSet growingLive;
    private long growingSince;
    private long nextSequence;
    private int nextSegment;
    private long livePostings;
    private int liveDocuments;
    private CompletableFuture<SealedSegment> merge;
    private List<SealedSegment> mergeInputs;
    private volatile IndexView view;

    /** A standalone index that keeps its documents' float vectors itself. */
    public PartitionIndex(int partition) {
        this(partition, IndexSettings.DEFAULTS);
    }

    public PartitionIndex(int partition, IndexSettings settings) {
        this(partition, settings, null, SegmentSink.NONE, MERGES);
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
        this.executor = executor;
        this.policy = new MergePolicy(settings);
        newGrowing();
        publish();
    }

    /** The shared background thread that computes merges. */
    static Executor mergeExecutor() {
        return MERGES;
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
        if (growing.full()) {
            seal();
        }
        if (held != null) {
            held.put(id, new HeldVector(sequence, vector));
        }
        int ordinal = growing.add(id, sequence, vector);
        if (ordinal == 0) {
            growingSince = -1;
        }
        growingLive = growingLive.grownTo(ordinal + 1);
        livePostings += vector.size();
        liveDocuments++;
        locations.put(id, new Location(GROWING, ordinal, sequence));
        publish();
        if (growing.full()) {
            seal();
        }
    }

    /** Removes a document; false when it was not indexed. */
    public boolean delete(String id) {
        installMerge();
        boolean removed = remove(id);
        if (removed) {
            publish();
            startMerge();
        }
        return removed;
    }

    private boolean remove(String id) {
        Location at = locations.remove(id);
        if (at == null) {
            return false;
        }
        if (held != null) {
            held.remove(id);
        }
        liveDocuments--;
        if (at.segment() == GROWING) {
            growingLive = growingLive.without(at.ordinal());
            livePostings -= growing.termCount(at.ordinal());
        } else {
            int p = position(at.segment());
            live.set(p, live.get(p).without(at.ordinal()));
            livePostings -= segments.get(p).termCounts[at.ordinal()];
        }
        return true;
    }

    /** Seals the growing segment when it is old enough, installs a finished merge, starts the next (the writer's wall-clock tick). */
    public void tick(long nowMs) {
        if (growing.size() > 0 && growingSince < 0) {
            // The age counts from the first tick that sees the segment, in the caller's clock.
            growingSince = nowMs;
        } else if (growing.size() > 0 && nowMs - growingSince >= settings.sealMs()) {
            seal();
        }
        installMerge();
        startMerge();
    }

    /** Seals the growing segment now (when it holds any document). */
    public void seal() {
        if (growing.size() == 0) {
            return;
        }
        SegmentBuilder builder = new SegmentBuilder();
        int[] moved = new int[growing.size()];
        for (int d = 0; d < growing.size(); d++) {
            moved[d] = growingLive.get(d) ? builder.document(growing.id(d), growing.sequence(d), growing.termCount(d)) : -1;
        }
        for (int term = 0; term < growing.termLimit(); term++) {
            GrowingSegment.TermPostings list = growing.term(term);
            if (list == null) {
                continue;
            }
            for (int p = 0; p < list.size; p++) {
                int ordinal = moved[list.ordinals[p]];
                if (ordinal >= 0) {
                    builder.posting(term, ordinal, list.weights[p]);
                }
            }
        }
        SealedSegment sealed = builder.size() == 0 ? null : builder.build(nextSegment++);
        if (sealed != null) {
            segments.add(sealed);
            live.add(LiveSet.allLive(sealed.size()));
        }
        newGrowing();
        publish();
        if (sealed != null) {
            for (int d = 0; d < sealed.size(); d++) {
                locations.put(sealed.ids[d], new Location(sealed.number, d, sealed.sequences[d]));
            }
            sink.sealed(sealed);
        }
        startMerge();
    }

    private void startMerge() {
        if (merge != null) {
            return;
        }
        List<Integer> picked = policy.pick(segments, live);
        if (picked.isEmpty()) {
            return;
        }
        List<SealedSegment> inputs = new ArrayList<>();
        List<LiveSet> inputLive = new ArrayList<>();
        for (int p : picked) {
            inputs.add(segments.get(p));
            inputLive.add(live.get(p));
        }
        int number = nextSegment++;
        mergeInputs = inputs;
        merge = CompletableFuture.supplyAsync(() -> merged(number, inputs, inputLive), executor);
    }

    /** The inputs' live documents, read from the stored floats, as one segment (off the writer's thread). */
    private SealedSegment merged(int number, List<SealedSegment> inputs, List<LiveSet> inputLive) {
        SegmentBuilder builder = new SegmentBuilder();
        for (int s = 0; s < inputs.size(); s++) {
            SealedSegment segment = inputs.get(s);
            for (int d = 0; d < segment.size(); d++) {
                if (!inputLive.get(s).get(d)) {
                    continue;
                }
                SparseVector v = lookup.vector(segment.ids[d], segment.sequences[d]);
                if (v == null) {
                    continue;
                }
                int ordinal = builder.document(segment.ids[d], segment.sequences[d], v.size());
                for (int i = 0; i < v.size(); i++) {
                    builder.posting(v.idAt(i), ordinal, v.weightAt(i));
                }
            }
        }
        return builder.build(number);
    }

    /** Installs a finished merge: documents that died while it ran are marked dead in the merged segment. */
    private void installMerge() {
        if (merge == null || !merge.isDone()) {
            return;
        }
        SealedSegment merged;
        try {
            merged = merge.join();
        } catch (RuntimeException e) {
            LOG.warn("merge of {} segments of partition {} failed; the segments stay as they are", mergeInputs.size(), partition, e);
            merge = null;
            return;
        }
        Set<Integer> replaced = new HashSet<>();
        for (SealedSegment s : mergeInputs) {
            replaced.add(s.number);
        }
        LiveSet mergedLive = LiveSet.allLive(merged.size());
        List<Integer> moved = new ArrayList<>();
        for (int d = 0; d < merged.size(); d++) {
            Location at = locations.get(merged.ids[d]);
            if (at != null && at.sequence() == merged.sequences[d] && replaced.contains(at.segment())) {
                moved.add(d);
            } else {
                mergedLive = mergedLive.without(d);
            }
        }
        for (int p = segments.size() - 1; p >= 0; p--) {
            if (replaced.contains(segments.get(p).number)) {
                segments.remove(p);
                live.remove(p);
            }
        }
        if (merged.size() > 0) {
            segments.add(merged);
            live.add(mergedLive);
        }
        for (int d : moved) {
            locations.put(merged.ids[d], new Location(merged.number, d, merged.sequences[d]));
        }
        // An entry still live in a replaced segment that the merge could not read (its stored
        // vector was not there yet) goes back to the growing segment, never lost.
        List<String> orphans = new ArrayList<>();
        for (SealedSegment input : mergeInputs) {
            for (int d = 0; d < input.size(); d++) {
                Location at = locations.get(input.ids[d]);
                if (at != null && at.segment() == input.number && at.ordinal() == d) {
                    orphans.add(input.ids[d]);
                }
            }
        }
        publish();
        for (String id : orphans) {
            Location at = locations.get(id);
            SparseVector v = lookup.vector(id, at.sequence());
            locations.remove(id);
            liveDocuments--;
            livePostings -= termCountOf(mergeInputs, at);
            if (v != null) {
                add(id, at.sequence(), v);
            } else {
                LOG.warn("document {} of partition {} had no stored vector when its segment was merged; dropped", id, partition);
                publish();
            }
        }
        List<SealedSegment> inputs = mergeInputs;
        merge = null;
        mergeInputs = null;
        sink.merged(merged, inputs);
    }

    /** Waits for the merges the policy asks for now, installing each (the writer's thread; tests and benchmarks). */
    public void awaitMerges() {
        startMerge();
        while (merge != null) {
            merge.join();
            installMerge();
            startMerge();
        }
    }

    /**
     * Restores the index from its sealed segments and the stored sequence numbers: a segment entry
     * whose sequence is the stored one is live, every other one dead; a stored document in no
     * segment (it was growing when the task stopped) is added to the growing segment again.
     *
     * @param stored id to sequence number of every stored document
     * @param unsealed reads the vector of a stored document in no segment
     */
    void restore(List<SealedSegment> sealed, Map<String, Long> stored, java.util.function.Function<String, SparseVector> unsealed) {
        Map<String, Location> newest = new HashMap<>();
        long maxSequence = -1;
        for (SealedSegment s : sealed) {
            nextSegment = Math.max(nextSegment, s.number + 1);
            for (int d = 0; d < s.size(); d++) {
                maxSequence = Math.max(maxSequence, s.sequences[d]);
                Location previous = newest.get(s.ids[d]);
                if (previous == null || previous.sequence() < s.sequences[d]) {
                    newest.put(s.ids[d], new Location(s.number, d, s.sequences[d]));
                }
            }
        }
        List<java.util.BitSet> liveBits = new ArrayList<>();
        Map<Integer, Integer> positionOf = new HashMap<>();
        for (SealedSegment s : sealed) {
            positionOf.put(s.number, liveBits.size());
            liveBits.add(new java.util.BitSet(s.size()));
        }
        List<String> pending = new ArrayList<>();
        for (Map.Entry<String, Long> e : stored.entrySet()) {
            maxSequence = Math.max(maxSequence, e.getValue());
            Location at = newest.get(e.getKey());
            if (at != null && at.sequence() == e.getValue()) {
                liveBits.get(positionOf.get(at.segment())).set(at.ordinal());
                locations.put(e.getKey(), at);
                liveDocuments++;
            } else {
                pending.add(e.getKey());
            }
        }
        for (int p = 0; p < sealed.size(); p++) {
            SealedSegment s = sealed.get(p);
            LiveSet l = LiveSet.allLive(s.size());
            for (int d = 0; d < s.size(); d++) {
                if (liveBits.get(p).get(d)) {
                    livePostings += s.termCounts[d];
                } else {
                    l = l.without(d);
                }
            }
            segments.add(s);
            live.add(l);
        }
        nextSequence = maxSequence + 1;
        publish();
        for (String id : pending) {
            SparseVector v = unsealed.apply(id);
            if (v != null) {
                add(id, stored.get(id), v);
            }
        }
    }

    private static int termCountOf(List<SealedSegment> segments, Location at) {
        for (SealedSegment s : segments) {
            if (s.number == at.segment()) {
                return s.termCounts[at.ordinal()];
            }
        }
        return 0;
    }

    /** The sequence number the next upsert gets (so a writer can store it first). */
    public long nextSequence() {
        return nextSequence;
    }

    private int position(int segmentNumber) {
        for (int p = 0; p < segments.size(); p++) {
            if (segments.get(p).number == segmentNumber) {
                return p;
            }
        }
        throw new IllegalStateException("segment " + segmentNumber + " of partition " + partition + " is not in the index");
    }

    private void newGrowing() {
        growing = new GrowingSegment(settings.sealDocuments());
        growingLive = LiveSet.allLive(0);
    }

    private void publish() {
        view = new IndexView(List.copyOf(segments), List.copyOf(live), growing, growing.size(), growingLive, liveDocuments, livePostings);
    }

    /** Exact top-k by dot product over the live documents, best first (ties by id ascending). */
    public List<ScoredDocument> search(SparseVector query, int k) {
        return SegmentScorer.search(view, query, k, lookup, settings.windowShift(), null);
    }

    List<ScoredDocument> search(SparseVector query, int k, SegmentScorer.Stats stats) {
        return SegmentScorer.search(view, query, k, lookup, settings.windowShift(), stats);
    }

    public boolean contains(String id) {
        return locations.containsKey(id);
    }

    public int documentCount() {
        return view.documents();
    }

    public long postingCount() {
        return view.postings();
    }

    /** Sealed segments now. */
    public int segmentCount() {
        return view.segments().size();
    }

    /** Postings of dead documents still held by sealed segments (merges drop them). */
    public long deadPostings() {
        IndexView v = view;
        long dead = 0;
        for (int s = 0; s < v.segments().size(); s++) {
            SealedSegment segment = v.segments().get(s);
            LiveSet l = v.live().get(s);
            for (int d = 0; d < segment.size(); d++) {
                if (!l.get(d)) {
                    dead += segment.termCounts[d];
                }
            }
        }
        return dead;
    }

    /** Bytes of the sealed segments' read form and of the growing segment (8 bytes a posting, ids). */
    public long memoryBytes() {
        IndexView v = view;
        long bytes = 12L * v.growing().postingCount() + 64L * v.growingSize();
        for (SealedSegment s : v.segments()) {
            bytes += s.memoryBytes();
        }
        return bytes;
    }

    /** Document frequency of every term with a live posting, for term statistics. */
    public Map<Integer, Integer> documentFrequencies() {
        IndexView v = view;
        Map<Integer, Integer> df = new HashMap<>();
        int[] ords = new int[SealedSegment.BLOCK];
        int[] codes = new int[SealedSegment.BLOCK];
        for (int s = 0; s < v.segments().size(); s++) {
            SealedSegment segment = v.segments().get(s);
            LiveSet l = v.live().get(s);
            for (int t = 0; t < segment.terms.length; t++) {
                int n = 0;
                if (l.deadCount() == 0) {
                    n = segment.termPostings[t];
                } else {
                    for (int b = segment.termFirstBlock[t]; b < segment.termFirstBlock[t + 1]; b++) {
                        int count = segment.decode(t, b, ords, codes);
                        for (int p = 0; p < count; p++) {
                            n += l.get(ords[p]) ? 1 : 0;
                        }
                    }
                }
                if (n > 0) {
                    df.merge(segment.terms[t], n, Integer::sum);
                }
            }
        }
        for (int term = 0; term < v.growing().termLimit(); term++) {
            GrowingSegment.TermPostings list = v.growing().term(term);
            int n = 0;
            for (int p = 0; list != null && p < list.size; p++) {
                int o = list.ordinals[p];
                n += o < v.growingSize() && v.growingLive().get(o) ? 1 : 0;
            }
            if (n > 0) {
                df.merge(term, n, Integer::sum);
            }
        }
        return df;
    }
}
