package io.spork.index;

import io.spork.state.SideRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.function.Function;

/**
 * Brings a start restored from the liveness checkpoint up to date with the documents a changelog
 * restore wrote after it (the uncommitted tail a crash left, marked {@link SideRecords#TOUCHED} in
 * the side records): only those documents are read from the store. A touched document's sealed
 * entry stays live only when it is the stored version, a pending one only when it is the stored
 * version, and a stored version that is neither becomes pending.
 */
final class TouchedDocuments {
    private TouchedDocuments() {
    }

    /** The ids the side records mark as restored since the checkpoint was written. */
    static List<byte[]> of(NavigableMap<byte[], byte[]> side) {
        List<byte[]> ids = new ArrayList<>();
        for (byte[] key : side.keySet()) {
            if (key.length > 0 && key[0] == SideRecords.TOUCHED) {
                ids.add(java.util.Arrays.copyOfRange(key, 1, key.length));
            }
        }
        return ids;
    }

    /**
     * @param storedSequence the stored sequence number of a document, null when it is not stored
     */
    static SegmentRestore.Restored apply(SegmentRestore.Restored restored, List<byte[]> touched, Function<String, Long> storedSequence) {
        if (touched.isEmpty()) {
            return restored;
        }
        Map<String, Long> stored = new HashMap<>();
        Map<Integer, List<byte[]>> byHash = new HashMap<>();
        long nextSequence = restored.nextSequence();
        for (byte[] utf8 : touched) {
            String id = new String(utf8, StandardCharsets.UTF_8);
            Long sequence = storedSequence.apply(id);
            stored.put(id, sequence);
            if (sequence != null) {
                nextSequence = Math.max(nextSequence, sequence + 1);
            }
            byHash.computeIfAbsent(DocumentIds.hash(utf8, 0, utf8.length), h -> new ArrayList<>()).add(utf8);
        }
        List<LiveSet> live = new ArrayList<>(restored.live());
        int liveDocuments = restored.liveDocuments();
        long livePostings = restored.livePostings();
        Set<String> sealedLive = new HashSet<>();
        for (int p = 0; p < restored.segments().size(); p++) {
            SealedSegment s = restored.segments().get(p);
            for (int d = 0; d < s.size(); d++) {
                List<byte[]> candidates = byHash.get(s.ids.hash(d));
                if (candidates == null || !live.get(p).get(d)) {
                    continue;
                }
                for (byte[] utf8 : candidates) {
                    if (!s.ids.matches(d, utf8)) {
                        continue;
                    }
                    String id = new String(utf8, StandardCharsets.UTF_8);
                    Long sequence = stored.get(id);
                    if (sequence != null && sequence == s.sequences[d]) {
                        sealedLive.add(id);
                    } else {
                        live.set(p, live.get(p).without(d));
                        liveDocuments--;
                        livePostings -= s.termCounts[d];
                    }
                }
            }
        }
        List<SegmentRestore.Pending> pending = new ArrayList<>();
        Set<String> pendingIds = new HashSet<>();
        for (SegmentRestore.Pending p : restored.pending()) {
            if (!stored.containsKey(p.id())) {
                pending.add(p);
            } else if (stored.get(p.id()) != null && stored.get(p.id()) == p.sequence() && !sealedLive.contains(p.id())) {
                pending.add(p);
                pendingIds.add(p.id());
            }
        }
        for (Map.Entry<String, Long> e : stored.entrySet()) {
            if (e.getValue() != null && !sealedLive.contains(e.getKey()) && !pendingIds.contains(e.getKey())) {
                pending.add(new SegmentRestore.Pending(e.getKey(), e.getValue()));
            }
        }
        return new SegmentRestore.Restored(restored.segments(), live, liveDocuments, livePostings, pending, nextSequence, restored.nextSegment());
    }
}
