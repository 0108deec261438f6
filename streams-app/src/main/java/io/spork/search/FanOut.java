package io.spork.search;

import io.spork.cluster.InstanceAddress;
import io.spork.schema.search.PeerRequest;
import io.spork.schema.search.PeerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks instances one phase of a search in parallel: the other instances through the transport,
 * this one directly while they work. Every phase of every mode goes through here.
 */
final class FanOut {
    private static final Logger LOG = LoggerFactory.getLogger(FanOut.class);

    /**
     * The answers that came, this instance's first; failed when some instance did not answer.
     */
    record Answers(Map<InstanceAddress, PeerResponse> byInstance, boolean failed) {
    }

    private final InstanceAddress self;
    private final Shard local;
    private final PeerTransport peers;

    FanOut(InstanceAddress self, Shard local, PeerTransport peers) {
        this.self = self;
        this.local = local;
        this.peers = peers;
    }

    Answers ask(Map<InstanceAddress, PeerRequest> requests) {
        Map<InstanceAddress, CompletableFuture<PeerResponse>> pending = new LinkedHashMap<>();
        requests.forEach((instance, request) -> {
            if (!instance.equals(self)) {
                pending.put(instance, peers.ask(instance, request));
            }
        });
        Map<InstanceAddress, PeerResponse> answers = new LinkedHashMap<>();
        PeerRequest mine = requests.get(self);
        if (mine != null) {
            answers.put(self, local.answer(mine));
        }
        boolean failed = false;
        for (Map.Entry<InstanceAddress, CompletableFuture<PeerResponse>> p : pending.entrySet()) {
            try {
                answers.put(p.getKey(), p.getValue().join());
            } catch (RuntimeException e) {
                failed = true;
                LOG.warn("instance {} did not answer a {} request: {}", p.getKey(), requests.get(p.getKey()).phase(), e.getMessage());
            }
        }
        return new Answers(answers, failed);
    }
}
