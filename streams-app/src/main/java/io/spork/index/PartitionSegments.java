package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The writer's side of one partition's index: the sealed segments with their live sets, the
 * growing segment, where each document's live version is ({@link DocumentLocations}: the ids
 * stay in the segments) and the live counts. Only the writer (the partition's stream thread)
 * changes it; {@link #publish} hands the current state to searches as an immutable
 * {@link IndexView} in one volatile write, and a search reads the view that was current when it
 * started. Live sets are persistent, so marking a document dead never changes a published view.
 * The locations are also asked from other threads ({@link #contains}), so every use of them, and
 * every change to what they resolve against, holds this object's monitor: a few short,
 * uncontended critical sections per write, and none in a search.
 */
final class PartitionSegments {
    /** A live document a merge could not carry over: taken out, to be added again. */
    record Orphan(String id, long sequence) {
    }

    private final int growingCapacity;
    private final DocumentLocations locations = new DocumentLocations(this::holds);
    /** Every segment a location may name: the listed ones, and a merge's inputs until it is installed. */
    private final Map<Integer, SealedSegment> byNumber = new HashMap<>();
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

    synchronized boolean contains(String id) {
        return locations.contains(id);
    }

    synchronized DocumentLocation location(String id) {
        long place = locations.get(id);
        if (place == DocumentLocations.NONE) {
            return null;
        }
        int segment = DocumentLocations.segment(place);
        int ordinal = DocumentLocations.ordinal(place);
        return new DocumentLocation(segment, ordinal, sequence(segment, ordinal));
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

    /** The growing segment's live set now (the writer's). */
    LiveSet growingLive() {
        return growingLive;
    }

    /** Appends a document to the growing segment (which must not be full); returns its ordinal there. */
    synchronized int addGrowing(String id, long sequence, SparseVector vector) {
        int ordinal = growing.add(id, sequence, vector);
        growingLive = growingLive.grownTo(ordinal + 1);
        livePostings += vector.size();
        liveDocuments++;
        locations.put(id, DocumentLocation.GROWING, ordinal);
        return ordinal;
    }

    /** Marks a document's live version dead; false when it was not indexed. */
    synchronized boolean remove(String id) {
        long place = locations.remove(id);
        if (place == DocumentLocations.NONE) {
            return false;
        }
        int segment = DocumentLocations.segment(place);
        int ordinal = DocumentLocations.ordinal(place);
        liveDocuments--;
        if (segment == DocumentLocation.GROWING) {
            growingLive = growingLive.without(ordinal);
            livePostings -= growing.termCount(ordinal);
        } else {
            int p = position(segment);
            live.set(p, live.get(p).without(ordinal));
            livePostings -= segments.get(p).termCounts[ordinal];
        }
        return true;
    }

    /** Seals the growing segment's live documents as segment {@code number} (none: null) and starts an empty growing one; publishes. */
    SealedSegment sealGrowing(int number) {
        SealedSegment sealed = SegmentBuilder.sealed(growing, growingLive, number);
        synchronized (this) {
            if (sealed != null) {
                segments.add(sealed);
                live.add(LiveSet.allLive(sealed.size()));
                byNumber.put(sealed.number, sealed);
                // Moved while the growing segment they leave is still the one their old places name.
                for (int d = 0; d < sealed.size(); d++) {
                    locations.put(sealed.ids.utf8(d), sealed.ids.hash(d), sealed.number, d);
                }
            }
            newGrowing();
        }
        publish();
        return sealed;
    }

    /**
     * Installs a finished merge and publishes: the inputs leave, the merged segment comes in, and
     * its entries whose document died or changed while the merge ran are dead in it. An entry still
     * live in an input that the merge could not read (its stored vector was not there yet) is taken
     * out of the index and returned, for the writer to add again: nothing is lost.
     */
    synchronized List<Orphan> installMerged(SealedSegment merged, List<SealedSegment> inputs) {
        Set<Integer> replaced = new HashSet<>();
        for (SealedSegment s : inputs) {
            replaced.add(s.number);
        }
        LiveSet mergedLive = LiveSet.allLive(merged.size());
        List<Integer> moved = new ArrayList<>();
        for (int d = 0; d < merged.size(); d++) {
            long at = locations.get(merged.ids.utf8(d), merged.ids.hash(d));
            if (at != DocumentLocations.NONE && replaced.contains(DocumentLocations.segment(at))
                    && sequence(DocumentLocations.segment(at), DocumentLocations.ordinal(at)) == merged.sequences[d]) {
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
            byNumber.put(merged.number, merged);
        }
        for (int d : moved) {
            locations.put(merged.ids.utf8(d), merged.ids.hash(d), merged.number, d);
        }
        List<Orphan> orphans = new ArrayList<>();
        for (SealedSegment input : inputs) {
            for (int d = 0; d < input.size(); d++) {
                byte[] id = input.ids.utf8(d);
                int hash = input.ids.hash(d);
                if (locations.get(id, hash) == DocumentLocations.place(input.number, d)) {
                    locations.remove(id, hash);
                    liveDocuments--;
                    livePostings -= input.termCounts[d];
                    orphans.add(new Orphan(input.id(d), input.sequences[d]));
                }
            }
        }
        for (SealedSegment input : inputs) {
            byNumber.remove(input.number);
        }
        publish();
        return orphans;
    }

    /** Starts from restored segments (an empty index only): every live entry gets its location; publishes. */
    synchronized void install(SegmentRestore.Restored restored) {
        for (int p = 0; p < restored.segments().size(); p++) {
            SealedSegment s = restored.segments().get(p);
            LiveSet l = restored.live().get(p);
            segments.add(s);
            live.add(l);
            byNumber.put(s.number, s);
            for (int d = 0; d < s.size(); d++) {
                if (l.get(d)) {
                    locations.put(s.ids.utf8(d), s.ids.hash(d), s.number, d);
                }
            }
        }
        liveDocuments += restored.liveDocuments();
        livePostings += restored.livePostings();
        publish();
    }

    /** Heap bytes of the location table (beside the segments' own). */
    synchronized long locationBytes() {
        return locations.memoryBytes();
    }

    /** Whether the document at a place has this id: the table's resolver (called under the monitor). */
    private boolean holds(int segment, int ordinal, byte[] utf8) {
        if (segment == DocumentLocation.GROWING) {
            return Arrays.equals(DocumentLocations.utf8(growing.id(ordinal)), utf8);
        }
        return byNumber.get(segment).ids.matches(ordinal, utf8);
    }

    private long sequence(int segment, int ordinal) {
        return segment == DocumentLocation.GROWING ? growing.sequence(ordinal) : byNumber.get(segment).sequences[ordinal];
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
