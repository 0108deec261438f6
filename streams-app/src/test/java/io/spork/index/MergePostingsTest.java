package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A merge's flat posting arrays build the very segment that adding each posting to the builder builds. */
class MergePostingsTest {
    private final Map<String, SparseVector> stored = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(7);

    private SealedSegment segment(int number, int documents) {
        SegmentBuilder builder = new SegmentBuilder();
        Map<Integer, List<float[]>> byTerm = new HashMap<>();
        for (int d = 0; d < documents; d++) {
            int terms = 1 + random.nextInt(30);
            int[] ids = random.ints(0, 3000).distinct().limit(terms).sorted().toArray();
            float[] weights = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                weights[i] = (float) random.nextDouble(0.01, 3.0);
            }
            String id = "doc-" + number + "-" + d;
            SparseVector v = new SparseVector(ids, weights);
            stored.put(id, v);
            int ordinal = builder.document(id, number * 1000L + d, ids.length);
            for (int i = 0; i < ids.length; i++) {
                byTerm.computeIfAbsent(ids[i], t -> new ArrayList<>()).add(new float[] {ordinal, weights[i]});
            }
        }
        byTerm.keySet().stream().sorted().forEach(t -> {
            for (float[] p : byTerm.get(t)) {
                builder.posting(t, (int) p[0], p[1]);
            }
        });
        return builder.build(number);
    }

    /** The merge as it was before MergePostings: every posting straight into the builder's per-term arrays. */
    private SealedSegment direct(int number, List<SealedSegment> inputs, List<LiveSet> live) {
        SegmentBuilder builder = new SegmentBuilder();
        for (int s = 0; s < inputs.size(); s++) {
            SealedSegment segment = inputs.get(s);
            for (int d = 0; d < segment.size(); d++) {
                if (live.get(s).get(d)) {
                    SparseVector v = stored.get(segment.id(d));
                    int ordinal = builder.document(segment.id(d), segment.sequences[d], v.size());
                    for (int i = 0; i < v.size(); i++) {
                        builder.posting(v.idAt(i), ordinal, v.weightAt(i));
                    }
                }
            }
        }
        return builder.build(number);
    }

    @Test
    void theMergedSegmentEqualsTheOneBuiltPostingByPosting() {
        List<SealedSegment> inputs = List.of(segment(0, 300), segment(1, 500), segment(2, 40));
        List<LiveSet> live = new ArrayList<>();
        for (SealedSegment s : inputs) {
            LiveSet l = LiveSet.allLive(s.size());
            for (int d = 0; d < s.size(); d += 3) {
                l = l.without(d);
            }
            live.add(l);
        }
        SealedSegment expected = direct(9, inputs, live);
        SealedSegment merged = BackgroundMerges.merged(9, inputs, live, (id, q) -> stored.get(id), MergeThrottle.starting(0.5));
        assertEquals(expected.size(), merged.size());
        for (int d = 0; d < expected.size(); d++) {
            assertEquals(expected.id(d), merged.id(d));
        }
        assertArrayEquals(expected.sequences, merged.sequences);
        assertArrayEquals(expected.termCounts, merged.termCounts);
        assertArrayEquals(expected.terms, merged.terms);
        assertArrayEquals(expected.termPostings, merged.termPostings);
        assertArrayEquals(expected.termScale, merged.termScale);
        assertArrayEquals(expected.termFirstBlock, merged.termFirstBlock);
        assertArrayEquals(expected.blockLast, merged.blockLast);
        assertArrayEquals(expected.blockOffset, merged.blockOffset);
        assertArrayEquals(expected.blockMaxCode, merged.blockMaxCode);
        assertArrayEquals(expected.data, merged.data);
    }

    @Test
    void aTermWithMorePostingsThanTheInputsHeldIsRefused() {
        SealedSegment input = segment(0, 5);
        MergePostings postings = MergePostings.forInputs(List.of(input));
        int term = input.terms[0];
        for (int p = 0; p < input.termPostings[0]; p++) {
            postings.add(term, p, 1f);
        }
        assertThrows(IllegalStateException.class, () -> postings.add(term, 99, 1f));
        assertThrows(IllegalStateException.class, () -> postings.add(input.terms[input.terms.length - 1] + 1, 0, 1f));
    }

    @Test
    void aCoreShareOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MergeThrottle.starting(0));
        assertThrows(IllegalArgumentException.class, () -> MergeThrottle.starting(1.5));
    }
}
