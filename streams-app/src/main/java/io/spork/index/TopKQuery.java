package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.List;
import org.apache.kafka.streams.query.Query;

/**
 * The interactive query (IQv2) of the SPLADE index: the exact top-k of a partition's live
 * documents for a sparse query vector. Kafka Streams' store layers pass it through to
 * {@link SegmentStore#query}, which scores it against the partition's current segments.
 *
 * <p>One query object serves every partition of a request ({@code withPartitions}), so it carries
 * the request's {@link ScoreFloor}: a partition that answers after others skips what cannot enter
 * the merged top-k. A partition's own answer may then leave out hits below the floor; the merged
 * top-k is the same. Use a query object for one request only.
 */
public final class TopKQuery implements Query<List<ScoredDocument>> {
    private final SparseVector vector;
    private final int k;
    private final ScoreFloor floor;

    public TopKQuery(SparseVector vector, int k) {
        if (vector == null || k < 0) {
            throw new IllegalArgumentException("a top-k query needs a vector and k >= 0");
        }
        this.vector = vector;
        this.k = k;
        this.floor = new ScoreFloor(k);
    }

    public SparseVector vector() {
        return vector;
    }

    public int k() {
        return k;
    }

    /** The floor shared by the partitions that answer this query. */
    public ScoreFloor floor() {
        return floor;
    }

    @Override
    public String toString() {
        return "TopKQuery[k=" + k + ", terms=" + vector.size() + "]";
    }
}
