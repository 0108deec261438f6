package io.spork.lexical;

/**
 * What one query term adds to a document's BM25 score, with what it was computed from: the term's
 * count in the query (Lucene's boost), its frequency in the document, its cluster-wide document
 * frequency and idf, and the document's length (in tokens, before Lucene's one-byte encoding).
 */
public record Bm25TermScore(String term, int queryCount, int frequency, long documentFrequency, float idf, int documentLength,
                            float contribution) {
}
