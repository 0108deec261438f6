package io.spork.index;

import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;

/**
 * Applies upserts and deletes of one partition to its three forms at once: the stored document,
 * the RocksDB postings and the in-memory {@link PartitionIndex}. The previous stored vector says
 * exactly which postings an update or a delete removes. Every operation is idempotent.
 */
public final class IndexWriter {
    private final DocumentStore documents;
    private final PostingStore postings;
    private final PartitionIndex index;

    public IndexWriter(DocumentStore documents, PostingStore postings, PartitionIndex index) {
        this.documents = documents;
        this.postings = postings;
        this.index = index;
    }

    /** Rebuilds the in-memory index from the stores (at task start, after restoration). */
    public static PartitionIndex rebuild(int partition, DocumentStore documents, PostingStore postings) {
        PartitionIndex index = new PartitionIndex(partition);
        documents.forEachId(index::loadDocument);
        postings.forEach(p -> index.loadPosting(p.documentId(), p.term(), p.weight()));
        return index;
    }

    /** @return false when the stored document already had this content (nothing changed) */
    public boolean upsert(VectorRecord record) {
        VectorRecord previous = documents.get(record.id());
        if (previous != null && previous.contentHash().equals(record.contentHash()) && previous.vector().equals(record.vector())) {
            return false;
        }
        if (previous != null) {
            removePostings(previous);
        }
        SparseVector v = record.vector();
        for (int i = 0; i < v.size(); i++) {
            postings.put(v.idAt(i), record.id(), v.weightAt(i));
        }
        documents.put(record, 0);
        index.upsert(record.id(), v);
        return true;
    }

    /** @return false when there was no such document */
    public boolean delete(String id) {
        VectorRecord previous = documents.get(id);
        if (previous == null) {
            return false;
        }
        removePostings(previous);
        documents.delete(id);
        index.delete(id);
        return true;
    }

    private void removePostings(VectorRecord previous) {
        SparseVector old = previous.vector();
        for (int i = 0; i < old.size(); i++) {
            postings.delete(old.idAt(i), previous.id());
        }
    }

    public PartitionIndex index() {
        return index;
    }
}
