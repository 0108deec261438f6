package io.spork.lexical;

import io.spork.schema.VectorRecord;

/**
 * Applies upserts and deletes of one partition to its lexical forms at once: the analysed
 * document ({@link LexicalDocumentStore}), the RocksDB postings ({@link LexicalPostingStore}) and
 * the in-memory {@link LexicalIndex}. Called by the index stage beside the SPLADE writer, in the
 * same processor and so in the same exactly-once transaction. Every operation is idempotent.
 */
public final class LexicalWriter {
    private final LexicalAnalyzer analyzer;
    private final LexicalDocumentStore documents;
    private final LexicalPostingStore postings;
    private final LexicalIndex index;

    public LexicalWriter(LexicalAnalyzer analyzer, LexicalDocumentStore documents, LexicalPostingStore postings, LexicalIndex index) {
        this.analyzer = analyzer;
        this.documents = documents;
        this.postings = postings;
        this.index = index;
    }

    /** Rebuilds the in-memory index from the stores (at task start, after restoration). */
    public static LexicalIndex rebuild(int partition, LexicalDocumentStore documents, LexicalPostingStore postings) {
        LexicalIndex index = new LexicalIndex(partition);
        documents.forEach((id, text) -> index.loadDocument(id, text.length()));
        postings.forEach(p -> index.loadPosting(p.term(), p.documentId(), p.frequency()));
        return index;
    }

    /** @return false when the stored analysed form was already this one (nothing written) */
    public boolean upsert(VectorRecord record) {
        AnalyzedText next = analyzer.document(record.title(), record.text());
        AnalyzedText previous = documents.get(record.id());
        if (next.equals(previous) || (previous == null && next.isEmpty())) {
            return false;
        }
        if (previous != null) {
            removeStored(record.id(), previous);
        }
        if (next.isEmpty()) {
            // A text of stop words only: no postings, and no length that would count in the statistics.
            return true;
        }
        next.frequencies().forEach((term, tf) -> postings.put(term, record.id(), tf));
        documents.put(record.id(), next);
        index.add(record.id(), next);
        return true;
    }

    /** @return false when there was no such document */
    public boolean delete(String id) {
        AnalyzedText previous = documents.get(id);
        if (previous == null) {
            return false;
        }
        removeStored(id, previous);
        return true;
    }

    private void removeStored(String id, AnalyzedText previous) {
        previous.frequencies().keySet().forEach(term -> postings.delete(term, id));
        documents.delete(id);
        index.remove(id, previous);
    }

    public LexicalIndex index() {
        return index;
    }
}
