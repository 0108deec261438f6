package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.schema.SparseVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexStatisticsTest {
    @Test
    void countsThePostingsOfDeadSealedDocumentsAndTheBytesOfTheReadForm() {
        SegmentBuilder builder = new SegmentBuilder();
        int a = builder.document("a", 0, 3);
        builder.posting(1, a, 1f);
        builder.posting(2, a, 1f);
        builder.posting(3, a, 1f);
        int b = builder.document("b", 1, 1);
        builder.posting(1, b, 1f);
        SealedSegment sealed = builder.build(0);
        GrowingSegment growing = new GrowingSegment(4);
        growing.add("c", 2, new SparseVector(new int[] {7, 8}, new float[] {1f, 1f}));
        IndexView view = new IndexView(List.of(sealed), List.of(LiveSet.allLive(2).without(a)), growing, 1, LiveSet.allLive(1), 2, 3);
        assertEquals(3, IndexStatistics.deadPostings(view), "a's three postings");
        assertEquals(sealed.memoryBytes() + 2 * 12 + 64, IndexStatistics.memoryBytes(view));
        IndexView allLive = new IndexView(List.of(sealed), List.of(LiveSet.allLive(2)), growing, 1, LiveSet.allLive(1), 3, 6);
        assertEquals(0, IndexStatistics.deadPostings(allLive));
    }
}
