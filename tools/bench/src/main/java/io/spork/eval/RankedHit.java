package io.spork.eval;

/**
 * One retrieved document of a query, as a search engine answered it.
 *
 * @param docId the corpus id of the document
 * @param score the engine's score (Spork and Lucene both score in float)
 */
public record RankedHit(String docId, float score) {
}
