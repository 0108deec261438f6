package io.spork.api;

import io.javalin.http.Context;
import io.spork.cluster.ClusterMetadata;
import io.spork.cluster.InstanceAddress;
import io.spork.cluster.LocalStores;
import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventCodec;
import io.spork.schema.ParseResult;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.search.QueryEncoder;
import io.spork.search.RequestException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /documents} and {@code DELETE /documents/{id}} produce document events;
 * {@code GET /documents/{id}} reads the stored document and its vector. The body is
 * checked with the same parser the stream uses, so a bad document is refused here with a 400
 * instead of landing in the dead-letter topic.
 */
final class DocumentResource {
    /** How long a read waits for the id's partition to be served before answering 503. */
    static final Duration PARTITION_WAIT = Duration.ofSeconds(3);
    private static final long PARTITION_POLL_MS = 20;

    private final DocumentPublisher publisher;
    private final DocumentEventCodec parser;
    private final ClusterMetadata metadata;
    private final LocalStores stores;
    private final QueryEncoder vectors;
    private final PeerClient peers;
    private final SearchableWait searchable;
    private final RecentWrites recent;
    private final Duration partitionWait;

    /**
     * @param vectors       renders a stored vector as tokens, as a query's are
     * @param partitionWait how long a read waits for the id's partition to be served (opening, moving) before a 503
     */
    DocumentResource(DocumentPublisher publisher, DocumentEventCodec parser, ClusterMetadata metadata, LocalStores stores, QueryEncoder vectors,
                     PeerClient peers, SearchableWait searchable, RecentWrites recent, Duration partitionWait) {
        this.publisher = publisher;
        this.parser = parser;
        this.metadata = metadata;
        this.stores = stores;
        this.vectors = vectors;
        this.peers = peers;
        this.searchable = searchable;
        this.recent = recent;
        this.partitionWait = partitionWait;
    }

    /**
     * {@code GET /documents/{id}}: from this instance's store, or from the instance that holds it;
     * real-time for the writes this instance acknowledged ({@link RecentWrites}).
     */
    void get(Context ctx) {
        String id = validId(ctx.pathParam("id"));
        Optional<RecentWrites.Write> pending = recent.pending(id);
        if (pending.isPresent()) {
            if (!searchable.shows(id, pending.get().appliedHash())) {
                renderPending(ctx, pending.get().event());
                return;
            }
            recent.applied(pending.get());
        }
        long deadline = System.nanoTime() + partitionWait.toNanos();
        while (true) {
            // Whether this instance serves the id's partition, asked before its store is read: a
            // partition served here that lacks the id is the one case that is a 404.
            Optional<InstanceAddress> owner = metadata.ownerOf(id);
            boolean servedHere = owner.isPresent() && owner.get().equals(metadata.self()) && metadata.serves(metadata.partitionOf(id));
            Optional<VectorRecord> local = stores.document(id);
            if (local.isPresent()) {
                ctx.json(render(local.get()));
                return;
            }
            if (servedHere) {
                throw RequestException.notFound("no document with id '" + RequestException.abbreviate(id) + "'");
            }
            if (owner.isPresent() && !owner.get().equals(metadata.self())) {
                answerFromPeer(ctx, owner.get(), id);
                return;
            }
            // No instance serves the partition at this moment (its task is opening, restoring or
            // moving): the document may well exist, so not a 404; wait a little for the partition.
            if (System.nanoTime() > deadline) {
                throw RequestException.unavailable("the partition of document '" + RequestException.abbreviate(id)
                        + "' is not served by any instance now (its index is opening or moving); retry");
            }
            pause();
        }
    }

    private void answerFromPeer(Context ctx, InstanceAddress owner, String id) {
        try {
            HttpResponse<byte[]> answer = peers.document(owner, id);
            ctx.status(answer.statusCode()).contentType("application/json").result(answer.body());
        } catch (IOException e) {
            throw RequestException.unavailable("the instance holding document '" + RequestException.abbreviate(id) + "' (" + owner + ") did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RequestException.unavailable("interrupted");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PARTITION_POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RequestException.unavailable("interrupted");
        }
    }

    /** A write acknowledged here and not applied yet: the document as written, without its vector yet. */
    private void renderPending(Context ctx, DocumentEvent event) {
        if (event.isDelete()) {
            throw RequestException.notFound("no document with id '" + RequestException.abbreviate(event.id()) + "' (its delete is being applied)");
        }
        Map<String, Object> json = render(VectorRecord.of(event, 0, SparseVector.empty()));
        json.put("pending", true);
        ctx.json(json);
    }

    /**
     * Another instance asks for a document of this one's partitions: 404 only when a partition
     * served here lacks it, 503 while its partition is not (yet) served here.
     */
    void getInternal(Context ctx) {
        String id = validId(ctx.pathParam("id"));
        Optional<VectorRecord> doc = stores.document(id);
        if (doc.isEmpty() && !metadata.serves(metadata.partitionOf(id))) {
            throw RequestException.unavailable("the partition of document '" + RequestException.abbreviate(id) + "' is not served by this instance now; retry");
        }
        ctx.json(render(doc.orElseThrow(() -> RequestException.notFound("no document with id '" + RequestException.abbreviate(id) + "'"))));
    }

    private Map<String, Object> render(VectorRecord doc) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", doc.id());
        json.put("title", doc.title());
        json.put("text", doc.text());
        json.put("fields", doc.fields());
        json.put("content_hash", doc.contentHash());
        json.put("vector", vectors.describe(doc.vector()));
        return json;
    }

    private static String validId(String id) {
        if (id.isBlank() || RequestParams.characters(id) > DocumentEventCodec.MAX_ID_LENGTH) {
            throw RequestException.invalid("document id must be 1 to " + DocumentEventCodec.MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    void post(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw RequestException.invalid("the body must be a JSON document: {\"id\": \"...\", \"title\": \"...\", \"text\": \"...\", \"fields\": {...}}");
        }
        ParseResult<DocumentEvent> parsed = parser.read(null, body);
        if (parsed instanceof ParseResult.Invalid<DocumentEvent> invalid) {
            throw RequestException.invalid(invalid.reason());
        }
        // Over HTTP a write applies in the order it is acknowledged: a version could make an
        // acknowledged write stale (never applied), so it is ignored here.
        DocumentEvent event = ((ParseResult.Valid<DocumentEvent>) parsed).value().withVersion(null);
        if (event.isDelete()) {
            throw RequestException.invalid("POST /documents adds or replaces a document; delete one with DELETE /documents/{id}");
        }
        Optional<Duration> wait = searchable.requested(ctx);
        publisher.publish(event);
        answer(ctx, event, wait);
    }

    void delete(Context ctx) {
        String id = validId(ctx.pathParam("id"));
        Optional<Duration> wait = searchable.requested(ctx);
        DocumentEvent delete = DocumentEvent.delete(id);
        publisher.publish(delete);
        answer(ctx, delete, wait);
    }

    /**
     * 202 once Kafka acknowledged; with wait=searchable, 200 once searches see the change, or 202
     * with searchable: false past the timeout. Not an error then: the write is accepted and will
     * be applied (a 5xx would tell a client it failed, and a client reading that a delete failed
     * is surprised by the 404 that follows), and reads here are real-time for it.
     */
    private void answer(Context ctx, DocumentEvent event, Optional<Duration> wait) {
        String id = event.id();
        String op = event.op().wireName();
        if (wait.isEmpty()) {
            recent.acknowledged(event);
            ctx.status(202).json(Map.of("id", id, "op", op));
            return;
        }
        // Searchable when answered: reads need no memory of it (and a later write elsewhere must not be hidden).
        recent.forget(id);
        if (searchable.await(id, event.isDelete() ? null : event.contentHash(), wait.get())) {
            ctx.status(200).json(Map.of("id", id, "op", op, "searchable", true));
            return;
        }
        recent.acknowledged(event);
        ctx.status(202).json(Map.of("id", id, "op", op, "searchable", false));
    }
}
