package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writer's side of one partition's index: the sealed segments with their live sets, the
 * growing segment, where each document's live version is, and the live counts. Only the writer
 * (the partition's stream thread) changes it; {@link #publish} hands the current state to
 * searches as an immutable {@link IndexView} in one volatile write, and a search reads the view
 * that was current when it started. Live sets are persistent, so marking a document dead never
 * changes a published view.
 */
final class PartitionSegments {
    /** A live document a merge could not carry over: taken out, to be added again. */
    record Orphan(String id, long sequence) {
    }

    private final int growingCapacity;
    private final Map<String, DocumentLocation> locations = new ConcurrentHashMap<>();
    private final List<SealedSegment> segments = new ArrayList<>();
    private final List<LiveSet> live = new ArrayList<>();
    private GrowingSegment growing;
    private LiveSet growingLive;
    private long livePostings;
    private int liveDocuments;
    private volatile IndexView view;

    PartitionSegments(int growingCapacity) {
        this.growingCapacity = growingCapacity;
        newGrowing();
        publish();
    }

    /** The view searches read now. */
    IndexView view() {
        return view;
    }

    /** Publishes the current state to searches. */
    void publish() {
        view = new IndexView(List.copyOf(segments), List.copyOf(live), growing, growing.size(), growingLive, liveDocuments, livePostings);
    }

    boolean contains(String id) {
        return locations.containsKey(id);
    }

    DocumentLocation location(String id) {
        return locations.get(id);
    }

    GrowingSegment growing() {
        return growing;
    }

    /** The sealed segments and their live sets now (the writer's lists: read, never keep). */
    List<SealedSegment> segments() {
        return segments;
    }

    List<LiveSet> live() {
        return live;
    }

    /** Appends a document to the growing segment (which must not be full); returns its ordinal there. */
    int addGrowing(String id, long sequence, SparseVector vector) {
        int ordinal = growing.add(id, sequence, vector);
        growingLive = growingLive.grownTo(ordinal + 1);
        livePostings += vector.size();
        liveDocuments++;
        locations.put(id, new DocumentLocation(DocumentLocation.GROWING, ordinal, sequence));
        return ordinal;
    }

    /** Marks a document's live version dead; false when it was not indexed. */
    boolean remove(String id) {
        DocumentLocation at = locations.remove(id);
        if (at == null) {
            return false;
        }
        liveDocuments--;
        if (at.growing()) {
            growingLive = growingLive.without(at.ordinal());
            livePostings -= growing.termCount(at.ordinal());
        } else {
            int p = position(at.segment());
            live.set(p, live.get(p).without(at.ordinal()));
            livePostings -= segments.get(p).termCounts[at.ordinal()];
        }
        return true;
    }

    /** Seals the growing segment's live documents as segment {@code number} (none: null) and starts an empty growing one; publishes. */
    SealedSegment sealGrowing(int number) {
        SealedSegment sealed = SegmentBuilder.sealed(growing, growingLive, number);
        if (sealed != null) {
            segments.add(sealed);
            live.add(LiveSet.allLive(sealed.size()));
        }
        newGrowing();
        publish();
        if (sealed != null) {
            for (int d = 0; d < sealed.size(); d++) {
                locations.put(sealed.ids[d], new DocumentLocation(sealed.number, d, sealed.sequences[d]));
            }
        }
        return sealed;
    }

    /**
     * Installs a finished merge and publishes: the inputs leave, the merged segment comes in, and
     * its entries whose document died or changed while the merge ran are dead in it. An entry still
     * live in an input that the merge could not read (its stored vector was not there yet) is taken
     * out of the index and returned, for the writer to add again: nothing is lost.
     */
    List<Orphan> installMerged(SealedSegment merged, List<SealedSegment> inputs) {
        Set<Integer> replaced = new HashSet<>();
        for (SealedSegment s : inputs) {
            replaced.add(s.number);
        }
        LiveSet mergedLive = LiveSet.allLive(merged.size());
        List<Integer> moved = new ArrayList<>();
        for (int d = 0; d < merged.size(); d++) {
            DocumentLocation at = locations.get(merged.ids[d]);
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
            locations.put(merged.ids[d], new DocumentLocation(merged.number, d, merged.sequences[d]));
        }
        List<Orphan> orphans = new ArrayList<>();
        for (SealedSegment input : inputs) {
            for (int d = 0; d < input.size(); d++) {
                DocumentLocation at = locations.get(input.ids[d]);
                if (at != null && at.segment() == input.number && at.ordinal() == d) {
                    locations.remove(input.ids[d]);
                    liveDocuments--;
                    livePostings -= input.termCounts[d];
                    orphans.add(new Orphan(input.ids[d], at.sequence()));
                }
            }
        }
        publish();
        return orphans;
    }

    /** Starts from restored segments (an empty index only); publishes. */
    void install(SegmentRestore.Restored restored) {
        segments.addAll(restored.segments());
        live.addAll(restored.live());
        locations.putAll(restored.locations());
        liveDocuments += restored.liveDocuments();
        livePostings += restored.livePostings();
        publish();
    }

    private int position(int segmentNumber) {
        for (int p = 0; p < segments.size(); p++) {
            if (segments.get(p).number == segmentNumber) {
                return p;
            }
        }
        throw new IllegalStateException("segment " + segmentNumber + " is not in the index");
    }

    private void newGrowing() {
        growing = new GrowingSegment(growingCapacity);
        growingLive = LiveSet.allLive(0);
    }
}
