package io.spork.index;

/** Figures of one published {@link IndexView}: dead postings still held, bytes of the read form. */
final class IndexStatistics {
    private IndexStatistics() {
    }

    /** Postings of dead documents still held by sealed segments (merges drop them). */
    static long deadPostings(IndexView view) {
        long dead = 0;
        for (int s = 0; s < view.segments().size(); s++) {
            SealedSegment segment = view.segments().get(s);
            LiveSet live = view.live().get(s);
            if (live.deadCount() == 0) {
                continue;
            }
            for (int d = 0; d < segment.size(); d++) {
                if (!live.get(d)) {
                    dead += segment.termCounts[d];
                }
            }
        }
        return dead;
    }

    /** Bytes of the sealed segments' read form and of the growing segment (12 bytes a posting, 64 a document). */
    static long memoryBytes(IndexView view) {
        long bytes = 12L * view.growing().postingCount() + 64L * view.growingSize();
        for (SealedSegment s : view.segments()) {
            bytes += s.memoryBytes();
        }
        return bytes;
    }
}
