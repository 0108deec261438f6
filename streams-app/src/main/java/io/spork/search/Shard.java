package io.spork.search;

import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;

/** Answers one phase of a search from the partitions one instance holds. */
public interface Shard {
    PeerResponse answer(PeerRequest request);
}
