package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tiered merges: merge-factor segments of one tier, or a segment with too many dead documents with small ones of its tier. */
class MergePolicyTest {
    private static final IndexSettings SETTINGS = new IndexSettings(10, 1000, 3, 0.5, 200, 3);

    private static SealedSegment segment(int documents) {
        SegmentBuilder builder = new SegmentBuilder();
        for (int d = 0; d < documents; d++) {
            builder.posting(1, builder.document("d" + d, d, 1), 1f);
        }
        return builder.build(0);
    }

    private static List<Integer> pick(int[] sizes, int[] dead) {
        List<SealedSegment> segments = new ArrayList<>();
        List<LiveSet> live = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            segments.add(segment(sizes[i]));
            LiveSet l = LiveSet.allLive(sizes[i]);
            for (int d = 0; d < dead[i]; d++) {
                l = l.without(d);
            }
            live.add(l);
        }
        return new MergePolicy(SETTINGS).pick(segments, live);
    }

    @Test
    void mergesMergeFactorSegmentsOfOneTierSmallestFirst() {
        assertEquals(List.of(3, 0, 2), pick(new int[] {8, 50, 9, 5}, new int[] {0, 0, 0, 0}));
        assertEquals(List.of(), pick(new int[] {8, 50, 9}, new int[] {0, 0, 0}), "two of the smallest tier and one of a larger");
    }

    @Test
    void rewritesASegmentWithManyDeadDocumentsWithSmallOnesOfItsTier() {
        assertEquals(List.of(0, 2), pick(new int[] {40, 100, 5}, new int[] {30, 0, 0}));
    }

    @Test
    void neverMergesBeyondTheLargestSegment() {
        assertEquals(List.of(), pick(new int[] {100, 100, 100}, new int[] {0, 0, 0}), "three of 100 live would make 300 > 200");
    }
}
