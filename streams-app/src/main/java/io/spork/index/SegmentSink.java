package io.spork.index;

import java.util.List;

/** Where a partition's sealed and merged segments go to be durable (the posting store in a task). */
interface SegmentSink {
    SegmentSink NONE = new SegmentSink() {
        @Override
        public void sealed(SealedSegment segment) {
        }

        @Override
        public void merged(SealedSegment merged, List<SealedSegment> replaced) {
        }
    };

    void sealed(SealedSegment segment);

    /** A merge is installed: the merged segment replaces these. */
    void merged(SealedSegment merged, List<SealedSegment> replaced);
}
