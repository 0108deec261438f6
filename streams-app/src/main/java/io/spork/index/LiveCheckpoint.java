package io.spork.index;

import io.spork.state.SideRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Writes a partition's liveness checkpoint ({@link CheckpointFormat}) into the document store's
 * side records at each commit, so a restart opens from the sealed segments, their dead lists and
 * the growing segment's entries instead of reading every stored document
 * ({@link CheckpointRestore}). Only what changed since the last persisted commit is written: a
 * segment's dead list when its live set changed (live sets are persistent, so identity tells),
 * the growing segment's chunks from the last partly filled one; a bulk load of new documents thus
 * adds one small record per 512 documents and a header per commit, none of them changelogged.
 * Runs on the partition's stream thread (the store's commit), the thread that writes the index.
 */
final class LiveCheckpoint implements SideRecords.Companion {
    private final PartitionSegments state;
    private final LongSupplier nextSequence;
    private final IntSupplier nextSegment;
    /** Keys on disk that the first commit must delete unless it rewrites them (what the opening found). */
    private List<byte[]> stale;
    private Map<Integer, LiveSet> writtenDead = new HashMap<>();
    private byte[] writtenHeader;
    private GrowingSegment writtenGrowing;
    private int writtenGrowingSize;
    private int writtenGrowingChunks;
    private LiveSet writtenGrowingLive;
    private Written next;

    private record Written(Map<Integer, LiveSet> dead, byte[] header, GrowingSegment growing, int growingSize, int growingChunks,
                           LiveSet growingLive) {
    }

    LiveCheckpoint(PartitionSegments state, LongSupplier nextSequence, IntSupplier nextSegment, List<byte[]> stale) {
        this.state = state;
        this.nextSequence = nextSequence;
        this.nextSegment = nextSegment;
        this.stale = stale;
    }

    @Override
    public void addTo(SideRecords.Writes writes) {
        List<byte[]> rewritten = new ArrayList<>();
        Map<Integer, LiveSet> dead = new HashMap<>();
        List<SealedSegment> segments = state.segments();
        List<LiveSet> live = state.live();
        for (int p = 0; p < segments.size(); p++) {
            SealedSegment s = segments.get(p);
            LiveSet l = live.get(p);
            dead.put(s.number, l);
            if (writtenDead.get(s.number) != l && l.deadCount() > 0) {
                byte[] key = CheckpointFormat.key(CheckpointFormat.DEAD, s.number);
                writes.put(key, CheckpointFormat.ordinals(l.deadOrdinals()));
                rewritten.add(key);
            }
        }
        for (Map.Entry<Integer, LiveSet> e : writtenDead.entrySet()) {
            if (!dead.containsKey(e.getKey()) && e.getValue().deadCount() > 0) {
                writes.delete(CheckpointFormat.key(CheckpointFormat.DEAD, e.getKey()));
            }
        }
        GrowingSegment growing = state.growing();
        int size = growing.size();
        int chunks = (size + CheckpointFormat.CHUNK - 1) / CheckpointFormat.CHUNK;
        int firstChanged = growing == writtenGrowing ? writtenGrowingSize / CheckpointFormat.CHUNK : 0;
        for (int c = firstChanged; c < chunks; c++) {
            byte[] key = CheckpointFormat.key(CheckpointFormat.GROWING, c);
            writes.put(key, chunk(growing, c, size));
            rewritten.add(key);
        }
        for (int c = chunks; c < writtenGrowingChunks; c++) {
            writes.delete(CheckpointFormat.key(CheckpointFormat.GROWING, c));
        }
        LiveSet growingLive = state.growingLive();
        if (growingLive != writtenGrowingLive || growing != writtenGrowing) {
            byte[] key = CheckpointFormat.key(CheckpointFormat.GROWING_DEAD);
            if (growingLive.deadCount() > 0) {
                writes.put(key, CheckpointFormat.ordinals(growingLive.deadOrdinals()));
                rewritten.add(key);
            } else if (writtenGrowingLive != null && writtenGrowingLive.deadCount() > 0) {
                writes.delete(key);
            }
        }
        byte[] header = header(segments, size);
        if (!Arrays.equals(header, writtenHeader)) {
            writes.put(CheckpointFormat.key(CheckpointFormat.HEADER), header);
        }
        rewritten.add(CheckpointFormat.key(CheckpointFormat.HEADER));
        if (stale != null) {
            for (byte[] key : stale) {
                if (rewritten.stream().noneMatch(k -> Arrays.equals(k, key))) {
                    writes.delete(key);
                }
            }
        }
        next = new Written(dead, header, growing, size, chunks, growingLive);
    }

    @Override
    public void persisted() {
        Written w = next;
        if (w == null) {
            return;
        }
        next = null;
        stale = null;
        writtenDead = w.dead();
        writtenHeader = w.header();
        writtenGrowing = w.growing();
        writtenGrowingSize = w.growingSize();
        writtenGrowingChunks = w.growingChunks();
        writtenGrowingLive = w.growingLive();
    }

    private byte[] header(List<SealedSegment> segments, int growingSize) {
        CheckpointFormat.Out out = new CheckpointFormat.Out();
        out.varLong(CheckpointFormat.FORMAT);
        out.varLong(nextSequence.getAsLong());
        out.varLong(nextSegment.getAsInt());
        out.varLong(segments.size());
        for (SealedSegment s : segments) {
            out.varLong(s.number);
        }
        out.varLong(growingSize);
        return out.bytes();
    }

    private static byte[] chunk(GrowingSegment growing, int chunk, int size) {
        CheckpointFormat.Out out = new CheckpointFormat.Out();
        for (int d = chunk * CheckpointFormat.CHUNK; d < Math.min(size, (chunk + 1) * CheckpointFormat.CHUNK); d++) {
            out.string(growing.id(d));
            // Plus one: a document stored before sequence numbers has -1.
            out.varLong(growing.sequence(d) + 1);
        }
        return out.bytes();
    }
}
