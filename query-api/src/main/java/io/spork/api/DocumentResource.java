package io.spork.api;

import io.javalin.http.Context;
import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventParser;
import io.spork.schema.ParseResult;
import java.util.Map;

/**
 * {@code POST /documents} and {@code DELETE /documents/{id}}: produce document events. The body is
 * checked with the same parser the stream uses, so a bad document is refused here with a 400
 * instead of landing in the dead-letter topic.
 */
final class DocumentResource {
    private final DocumentPublisher publisher;
    private final DocumentEventParser parser;

    DocumentResource(DocumentPublisher publisher, DocumentEventParser parser) {
        this.publisher = publisher;
        this.parser = parser;
    }

    void post(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw ApiException.badRequest("the body must be a JSON document: {\"id\": \"...\", \"title\": \"...\", \"text\": \"...\", \"fields\": {...}}");
        }
        ParseResult<DocumentEvent> parsed = parser.parse(null, body);
        if (parsed instanceof ParseResult.Invalid<DocumentEvent> invalid) {
            throw ApiException.badRequest(invalid.reason());
        }
        DocumentEvent event = ((ParseResult.Valid<DocumentEvent>) parsed).value();
        publisher.publish(event);
        ctx.status(202).json(Map.of("id", event.id(), "op", event.op().wireName()));
    }

    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.isBlank() || id.length() > DocumentEventParser.MAX_ID_LENGTH) {
            throw ApiException.badRequest("document id must be 1 to " + DocumentEventParser.MAX_ID_LENGTH + " characters");
        }
        publisher.publish(DocumentEvent.delete(id));
        ctx.status(202).json(Map.of("id", id, "op", "delete"));
    }
}
