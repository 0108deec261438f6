package io.spork.schema.search;

/** A term of the query vector, with its token, as shown to users (the query's expansion). */
public record QueryTerm(String token, int id, float weight) {
}
