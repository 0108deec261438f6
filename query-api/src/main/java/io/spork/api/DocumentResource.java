package io.spork.api;

import io.javalin.http.Context;
import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventCodec;
import io.spork.schema.ParseResult;
import io.spork.encoder.Vocabulary;
import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.topology.SporkStreams;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code POST /documents} and {@code DELETE /documents/{id}} produce document events;
 * {@code GET /documents/{id}} reads the stored document and its vector. The body is
 * checked with the same parser the stream uses, so a bad document is refused here with a 400
 * instead of landing in the dead-letter topic.
 */
final class DocumentResource {
    public static final String INTERNAL_PATH = "/internal/documents/{id}";

    private final DocumentPublisher publisher;
    private final DocumentEventCodec events;
    private final SporkStreams streams;
    private final Vocabulary vocabulary;
    private final HttpClient peers;
    private final Duration peerTimeout;
    private final SearchableWait searchable;
    private final RecentWrites recent;

    DocumentResource(DocumentPublisher publisher, DocumentEventCodec events, SporkStreams streams, Vocabulary vocabulary, Duration peerTimeout,
                     SearchableWait searchable, RecentWrites recent) {
        this.publisher = publisher;
        this.searchable = searchable;
        this.recent = recent;
        this.events = events;
        this.streams = streams;
        this.vocabulary = vocabulary;
        this.peerTimeout = peerTimeout;
        this.peers = HttpClient.newBuilder().connectTimeout(peerTimeout).build();
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
        Optional<VectorRecord> local = streams.localDocument(id);
        if (local.isPresent()) {
            ctx.json(render(local.get()));
            return;
        }
        Optional<HostInfo> owner = streams.ownerOf(id);
        if (owner.isEmpty() || owner.get().equals(streams.self())) {
            throw ApiException.notFound("no document with id '" + RequestParams.abbreviate(id) + "'");
        }
        String url = "http://" + owner.get().host() + ":" + owner.get().port() + "/internal/documents/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
        try {
            HttpResponse<byte[]> answer = peers.send(HttpRequest.newBuilder(URI.create(url)).timeout(peerTimeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            ctx.status(answer.statusCode()).contentType("application/json").result(answer.body());
        } catch (IOException e) {
            throw new ApiException(503, "the instance holding document '" + RequestParams.abbreviate(id) + "' (" + owner.get() + ") did not answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted");
        }
    }

    /** A write acknowledged here and not applied yet: the document as written, without its vector yet. */
    private static void renderPending(Context ctx, DocumentEvent event) {
        if (event.isDelete()) {
            throw ApiException.notFound("no document with id '" + RequestParams.abbreviate(event.id()) + "' (its delete is being applied)");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("title", event.title());
        json.put("text", event.text());
        json.put("fields", event.fields());
        json.put("content_hash", event.contentHash());
        json.put("vector", List.of());
        json.put("pending", true);
        ctx.json(json);
    }

    /**
     * Another instance asks for a document of this one's partitions: 404 only when a partition
     * served here lacks it, 503 while its partition is not (yet) served here.
     */
    void getInternal(Context ctx) {
        String id = validId(ctx.pathParam("id"));
        Optional<VectorRecord> doc = streams.localDocument(id);
        if (doc.isEmpty() && !streams.serves(streams.partitionOf(id))) {
            throw new ApiException(503, "the partition of document '" + RequestParams.abbreviate(id) + "' is not served by this instance now; retry");
        }
        ctx.json(render(doc.orElseThrow(() -> ApiException.notFound("no document with id '" + RequestParams.abbreviate(id) + "'"))));
    }

    private Map<String, Object> render(VectorRecord doc) {
        List<QueryTerm> terms = new ArrayList<>();
        SparseVector v = doc.vector();
        for (int i = 0; i < v.size(); i++) {
            terms.add(new QueryTerm(vocabulary.token(v.idAt(i)), v.idAt(i), v.weightAt(i)));
        }
        terms.sort(Comparator.comparingDouble((QueryTerm t) -> t.weight()).reversed());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", doc.id());
        json.put("title", doc.title());
        json.put("text", doc.text());
        json.put("fields", doc.fields());
        json.put("content_hash", doc.contentHash());
        json.put("vector", terms);
        return json;
    }

    private static String validId(String id) {
        if (id.isBlank() || RequestParams.characters(id) > DocumentEventCodec.MAX_ID_LENGTH) {
            throw ApiException.badRequest("document id must be 1 to " + DocumentEventCodec.MAX_ID_LENGTH + " characters");
        }
        return id;
    }

    void post(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiException.badRequest("the body must be a JSON document: {\"id\": \"...\", \"title\": \"...\", \"text\": \"...\", \"fields\": {...}}");
        }
        ParseResult<DocumentEvent> parsed = events.read(null, body);
        if (parsed instanceof ParseResult.Invalid<DocumentEvent> invalid) {
            throw ApiException.badRequest(invalid.reason());
        }
        // Over HTTP a write applies in the order it is acknowledged: a version could make an
        // acknowledged write stale (never applied), so it is ignored here.
        DocumentEvent event = ((ParseResult.Valid<DocumentEvent>) parsed).value().withVersion(null);
        if (event.isDelete()) {
            throw ApiException.badRequest("POST /documents adds or replaces a document; delete one with DELETE /documents/{id}");
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

    /** 202 once Kafka acknowledged; with wait=searchable, 200 once searches see the change (504 past the timeout). */
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
        searchable.await(id, event.isDelete() ? null : event.contentHash(), wait.get());
        ctx.status(200).json(Map.of("id", id, "op", op, "searchable", true));
    }
}
