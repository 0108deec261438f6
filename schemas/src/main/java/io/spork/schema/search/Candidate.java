package io.spork.schema.search;

/** A document of one side's top-n as an instance returns it: its id and that side's exact score. */
public record Candidate(String id, float score) {
}
