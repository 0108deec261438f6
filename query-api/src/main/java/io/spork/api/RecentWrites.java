package io.spork.api;

import io.spork.schema.DocumentEvent;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The writes this instance acknowledged that may not be applied yet, so that
 * {@code GET /documents/{id}} is real-time for them (like Elasticsearch's real-time get): a client
 * that wrote through this instance reads its own write back at once, although searches see it
 * only once it is indexed. An entry is dropped once the stored document shows it, or after
 * {@code ttl} (a write that is never applied as such: stale by version, or replaced by a later
 * write made elsewhere), and the oldest go first beyond {@code maxEntries}.
 */
final class RecentWrites {
    /** An acknowledged write: the event, and when it was acknowledged. */
    record Write(DocumentEvent event, long acknowledgedNanos) {
        /** The content hash the stored document has once this write is applied; null for a delete. */
        String appliedHash() {
            return event.isDelete() ? null : event.contentHash();
        }
    }

    private final Map<String, Write> byId = new LinkedHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;

    RecentWrites(Duration ttl, int maxEntries) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    synchronized void acknowledged(DocumentEvent event) {
        byId.remove(event.id());
        byId.put(event.id(), new Write(event, System.nanoTime()));
        expire();
    }

    /** The write of this id still waiting to show in the store, if any. */
    synchronized Optional<Write> pending(String id) {
        expire();
        return Optional.ofNullable(byId.get(id));
    }

    /** A later write of this id is being waited for until searchable: nothing earlier to remember. */
    synchronized void forget(String id) {
        byId.remove(id);
    }

    /** The store shows {@code write} (or something after it): no need to remember it. */
    synchronized void applied(Write write) {
        byId.remove(write.event().id(), write);
    }

    private void expire() {
        long now = System.nanoTime();
        for (Iterator<Write> it = byId.values().iterator(); it.hasNext(); ) {
            Write w = it.next();
            if (byId.size() <= maxEntries && now - w.acknowledgedNanos() < ttlNanos) {
                break;
            }
            it.remove();
        }
    }
}
