package io.spork.index;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Opens a partition's index from its liveness checkpoint ({@link CheckpointFormat}, written by
 * {@link LiveCheckpoint}) and its sealed segments, reading no stored document: the dead lists say
 * which segment entries are dead, the growing entries which stored documents to add again. The
 * checkpoint must describe exactly the segments the posting store holds; when it does not, or
 * there is none (a store written before checkpoints, restored from its changelog, or committed
 * without one), {@link #of} says why and the caller reads every stored document instead.
 */
final class CheckpointRestore {
    /** What a checkpoint gave: the restored start, or null and why not. */
    record Outcome(SegmentRestore.Restored restored, String whyNot) {
    }

    private CheckpointRestore() {
    }

    static Outcome of(NavigableMap<byte[], byte[]> side, List<SealedSegment> sealed) {
        byte[] header = side.get(CheckpointFormat.key(CheckpointFormat.HEADER));
        if (header == null) {
            return new Outcome(null, "no liveness checkpoint");
        }
        try {
            return restore(side, header, sealed);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, "unreadable liveness checkpoint: " + e.getMessage());
        }
    }

    private static Outcome restore(NavigableMap<byte[], byte[]> side, byte[] header, List<SealedSegment> sealed) {
        CheckpointFormat.In in = new CheckpointFormat.In(header);
        long format = in.varLong();
        if (format != CheckpointFormat.FORMAT) {
            return new Outcome(null, "liveness checkpoint of format " + format + " (this version reads " + CheckpointFormat.FORMAT + ")");
        }
        long nextSequence = in.varLong();
        int nextSegment = in.varInt();
        int count = in.varInt();
        Map<Integer, SealedSegment> byNumber = new HashMap<>();
        for (SealedSegment s : sealed) {
            byNumber.put(s.number, s);
        }
        List<SealedSegment> segments = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SealedSegment s = byNumber.remove(in.varInt());
            if (s == null) {
                return new Outcome(null, "the liveness checkpoint names a segment the posting store does not hold");
            }
            segments.add(s);
        }
        if (!byNumber.isEmpty()) {
            return new Outcome(null, "the posting store holds " + byNumber.size() + " segments the liveness checkpoint does not name");
        }
        int growingSize = in.varInt();
        in.end();
        List<LiveSet> live = new ArrayList<>(segments.size());
        int liveDocuments = 0;
        long livePostings = 0;
        for (SealedSegment s : segments) {
            nextSegment = Math.max(nextSegment, s.number + 1);
            byte[] deadBytes = side.get(CheckpointFormat.key(CheckpointFormat.DEAD, s.number));
            LiveSet l = LiveSet.allLive(s.size());
            long postings = 0;
            for (int t : s.termCounts) {
                postings += t;
            }
            for (int d : deadBytes == null ? new int[0] : CheckpointFormat.ordinals(deadBytes)) {
                if (d >= s.size()) {
                    throw new IllegalArgumentException("dead ordinal " + d + " beyond segment " + s.number + " of " + s.size());
                }
                l = l.without(d);
                postings -= s.termCounts[d];
            }
            live.add(l);
            liveDocuments += l.liveCount();
            livePostings += postings;
        }
        byte[] growingDeadBytes = side.get(CheckpointFormat.key(CheckpointFormat.GROWING_DEAD));
        int[] growingDead = growingDeadBytes == null ? new int[0] : CheckpointFormat.ordinals(growingDeadBytes);
        List<SegmentRestore.Pending> pending = new ArrayList<>(growingSize);
        int ordinal = 0;
        int nextDead = 0;
        for (int c = 0; ordinal < growingSize; c++) {
            byte[] chunk = side.get(CheckpointFormat.key(CheckpointFormat.GROWING, c));
            if (chunk == null) {
                throw new IllegalArgumentException("growing chunk " + c + " missing");
            }
            CheckpointFormat.In entries = new CheckpointFormat.In(chunk);
            while (!entries.atEnd()) {
                String id = entries.string();
                long sequence = entries.varLong() - 1;
                nextSequence = Math.max(nextSequence, sequence + 1);
                if (nextDead < growingDead.length && growingDead[nextDead] == ordinal) {
                    nextDead++;
                } else {
                    pending.add(new SegmentRestore.Pending(id, sequence));
                }
                ordinal++;
            }
        }
        if (ordinal != growingSize || nextDead != growingDead.length) {
            throw new IllegalArgumentException("growing entries " + ordinal + " (dead " + nextDead + ") against a size of " + growingSize
                    + " (dead " + growingDead.length + ")");
        }
        for (SealedSegment s : segments) {
            for (long sequence : s.sequences) {
                nextSequence = Math.max(nextSequence, sequence + 1);
            }
        }
        return new Outcome(new SegmentRestore.Restored(List.copyOf(segments), live, liveDocuments, livePostings, pending, nextSequence,
                nextSegment), null);
    }

    /** The side keys a checkpoint holds now (the first commit deletes those it does not rewrite). */
    static List<byte[]> keys(NavigableMap<byte[], byte[]> side) {
        return new ArrayList<>(side.keySet());
    }
}
