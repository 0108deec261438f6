package io.spork.search;

import io.spork.cluster.InstanceAddress;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import java.util.concurrent.CompletableFuture;

/** Asks another instance one phase of a search; a failed future when it does not answer. */
public interface PeerTransport {
    CompletableFuture<PeerResponse> ask(InstanceAddress peer, PeerRequest request);
}
