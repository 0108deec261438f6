package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.List;
import org.apache.kafka.streams.query.Query;

/**
 * The interactive query (IQv2) of the SPLADE index: the exact top-k of a partition's live
 * documents for a sparse query vector. Kafka Streams' store layers pass it through to
 * {@link SegmentStore#query}, which scores it against the partition's current segments.
 */
public record TopKQuery(SparseVector vector, int k) implements Query<List<ScoredDocument>> {
    public TopKQuery {
        if (vector == null || k < 0) {
            throw new IllegalArgumentException("a top-k query needs a vector and k >= 0");
        }
    }
}
