package io.spork.topology;

import io.spork.schema.DocumentEvent;

/** A document waiting in the encode buffer, with the timestamp of its event. */
public record PendingDocument(DocumentEvent event, long eventTimeMs) {
}
