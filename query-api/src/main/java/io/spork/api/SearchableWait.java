package io.spork.api;

import io.javalin.http.Context;
import io.spork.cluster.ClusterMetadata;
import io.spork.cluster.InstanceAddress;
import io.spork.cluster.LocalStores;
import io.spork.schema.JsonSerde;
import io.spork.schema.VectorRecord;
import io.spork.search.RequestException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code ?wait=searchable}: holds a write's answer until the change is searchable, like
 * Elasticsearch's {@code refresh=wait_for}. A document is served by the active task of its
 * partition (on this instance or another); the write is searchable once that task's document
 * store holds the written content (upsert) or no longer holds the id (delete). The index writer
 * updates the in-memory index before the store, so a store that shows the change means searches
 * show it too.
 */
final class SearchableWait {
    static final String WAIT = "wait";
    static final String TIMEOUT = "timeout";
    private static final long LOCAL_POLL_MS = 10;
    private static final long REMOTE_POLL_MS = 50;

    /** What the owner of a document's partition holds of it now. */
    private sealed interface Seen {
        record Present(String contentHash) implements Seen {
        }

        record Absent() implements Seen {
        }

        /** The owner is not known or did not answer: ask again. */
        record Unknown() implements Seen {
        }
    }

    private final ClusterMetadata metadata;
    private final LocalStores stores;
    private final PeerClient peers;
    private final Duration maxTimeout;

    /** @param maxTimeout the longest wait, and the wait when the request names none */
    SearchableWait(ClusterMetadata metadata, LocalStores stores, PeerClient peers, Duration maxTimeout) {
        this.metadata = metadata;
        this.stores = stores;
        this.peers = peers;
        this.maxTimeout = maxTimeout;
    }

    /** The requested wait: empty for the default (asynchronous) answer; 400 when a parameter is wrong. */
    Optional<Duration> requested(Context ctx) {
        String wait = RequestParams.single(ctx, WAIT);
        int longest = (int) Math.min(Integer.MAX_VALUE, maxTimeout.toMillis());
        Duration limit = Duration.ofMillis(RequestParams.intInRange(ctx, TIMEOUT, longest, 1, longest));
        if (wait == null) {
            return Optional.empty();
        }
        if (!wait.equals("searchable")) {
            throw RequestException.invalid("query parameter 'wait' must be 'searchable' (answer once the change is searchable), got '"
                    + RequestException.abbreviate(wait) + "'; leave it out for the asynchronous 202");
        }
        return Optional.of(limit);
    }

    /**
     * Waits until the document is searchable with this content (contentHash non-null) or gone
     * (contentHash null), at most {@code limit}.
     *
     * @return false when the limit passed first (the write is accepted all the same)
     */
    boolean await(String id, String contentHash, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Seen seen = seen(id);
            if (shows(seen, contentHash)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            sleep(Math.min(left / 1_000_000 + 1, seen instanceof Seen.Unknown || !metadata.isLocal(id) ? REMOTE_POLL_MS : LOCAL_POLL_MS));
        }
    }

    /** Whether the document is searchable with this content now (contentHash null: gone). */
    boolean shows(String id, String contentHash) {
        return shows(seen(id), contentHash);
    }

    private static boolean shows(Seen seen, String contentHash) {
        return contentHash == null ? seen instanceof Seen.Absent
                : seen instanceof Seen.Present p && Objects.equals(p.contentHash(), contentHash);
    }

    private Seen seen(String id) {
        Optional<InstanceAddress> owner = metadata.ownerOf(id);
        if (owner.isEmpty()) {
            return new Seen.Unknown();
        }
        if (owner.get().equals(metadata.self())) {
            // The index processor writes the lexical side, then the document store, then the SPLADE
            // index (and removes in the reverse order), so a change both show is searchable.
            int partition = metadata.partitionOf(id);
            boolean indexed = stores.indexed(partition, id);
            Optional<VectorRecord> local = stores.document(id);
            if (local.isPresent()) {
                return indexed ? new Seen.Present(local.get().contentHash()) : new Seen.Unknown();
            }
            // The store may not be queryable yet (restoring); only a served partition's store can say "absent".
            return metadata.serves(partition) && !indexed ? new Seen.Absent() : new Seen.Unknown();
        }
        return remote(owner.get(), id);
    }

    private Seen remote(InstanceAddress owner, String id) {
        try {
            HttpResponse<byte[]> answer = peers.document(owner, id);
            if (answer.statusCode() == 404) {
                return new Seen.Absent();
            }
            if (answer.statusCode() != 200) {
                return new Seen.Unknown();
            }
            return new Seen.Present(JsonSerde.MAPPER.readTree(answer.body()).path("content_hash").asText(null));
        } catch (IOException e) {
            return new Seen.Unknown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RequestException.unavailable("interrupted while waiting for the write to be searchable");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RequestException.unavailable("interrupted while waiting for the write to be searchable");
        }
    }
}
