package io.spork.index;

import java.util.List;

/**
 * What one search reads: the sealed segments with their live sets and the growing segment up to
 * a published size, all immutable from the reader's side. The writer publishes a new view after
 * every change (one volatile write); a search takes the current one and never waits.
 */
record IndexView(List<SealedSegment> segments, List<LiveSet> live, GrowingSegment growing, int growingSize,
                 LiveSet growingLive, int documents, long postings) {
}
