package io.spork.index;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells, at task start, which entries of a partition's sealed segments are live: a segment entry
 * whose sequence number is the one the document store holds for its id is live, every other one
 * dead; a stored document in no segment (it was growing when the task stopped) is pending, to be
 * added to the growing segment again. No posting is read: only the segments' document tables.
 * This is the restart that reads every stored document's sequence number; {@link CheckpointRestore}
 * is the one that reads none, when the store holds a liveness checkpoint.
 */
final class SegmentRestore {
    /**
     * What the index starts from.
     *
     * @param pending      stored documents in no segment, to add again
     * @param nextSequence the sequence number the next upsert gets
     * @param nextSegment  the number the next sealed or merged segment gets
     */
    record Restored(List<SealedSegment> segments, List<LiveSet> live, int liveDocuments,
                    long livePostings, List<Pending> pending, long nextSequence, int nextSegment) {
    }

    /** A stored document in no sealed segment, with the sequence number of its stored version. */
    record Pending(String id, long sequence) {
    }

    private SegmentRestore() {
    }

    /** @param stored id to sequence number of every stored document */
    static Restored of(List<SealedSegment> sealed, Map<String, Long> stored) {
        Map<String, DocumentLocation> newest = new HashMap<>();
        long maxSequence = -1;
        int nextSegment = 0;
        for (SealedSegment s : sealed) {
            nextSegment = Math.max(nextSegment, s.number + 1);
            for (int d = 0; d < s.size(); d++) {
                maxSequence = Math.max(maxSequence, s.sequences[d]);
                String id = s.id(d);
                DocumentLocation previous = newest.get(id);
                if (previous == null || previous.sequence() < s.sequences[d]) {
                    newest.put(id, new DocumentLocation(s.number, d, s.sequences[d]));
                }
            }
        }
        List<BitSet> liveBits = new ArrayList<>();
        Map<Integer, Integer> positionOf = new HashMap<>();
        for (SealedSegment s : sealed) {
            positionOf.put(s.number, liveBits.size());
            liveBits.add(new BitSet(s.size()));
        }
        List<Pending> pending = new ArrayList<>();
        int liveDocuments = 0;
        for (Map.Entry<String, Long> e : stored.entrySet()) {
            maxSequence = Math.max(maxSequence, e.getValue());
            DocumentLocation at = newest.get(e.getKey());
            if (at != null && at.sequence() == e.getValue()) {
                liveBits.get(positionOf.get(at.segment())).set(at.ordinal());
                liveDocuments++;
            } else {
                pending.add(new Pending(e.getKey(), e.getValue()));
            }
        }
        List<LiveSet> live = new ArrayList<>();
        long livePostings = 0;
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
            live.add(l);
        }
        return new Restored(List.copyOf(sealed), live, liveDocuments, livePostings, pending, maxSequence + 1, nextSegment);
    }
}
