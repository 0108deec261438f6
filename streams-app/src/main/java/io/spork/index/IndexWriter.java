package io.spork.index;

import io.spork.schema.VectorRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies upserts and deletes of one partition: the stored document (one record, with the
 * sequence number of its version) and the {@link PartitionIndex}, whose sealed and merged segments
 * go to the {@link PostingStore}. Every operation is idempotent.
 */
public final class IndexWriter {
    private static final Logger LOG = LoggerFactory.getLogger(IndexWriter.class);
    private final DocumentStore documents;
    private final PartitionIndex index;

    private IndexWriter(DocumentStore documents, PartitionIndex index) {
        this.documents = documents;
        this.index = index;
    }

    /**
     * What a partition's index opens from: every stored document's sequence number and the sealed
     * segments, as stored. Only reads the stores, so it may run on any thread.
     */
    public record Stored(int partition, Map<String, Long> sequences, List<SealedSegment> segments) {
        public static Stored read(int partition, DocumentStore documents, PostingStore postings) {
            long started = System.nanoTime();
            Map<String, Long> sequences = new HashMap<>();
            documents.forEachSequence(sequences::put);
            long read = System.nanoTime();
            List<SealedSegment> segments = postings.load();
            LOG.info("partition {}: {} stored documents read in {} ms, {} segments loaded in {} ms", partition, sequences.size(),
                    (read - started) / 1_000_000, segments.size(), (System.nanoTime() - read) / 1_000_000);
            return new Stored(partition, sequences, segments);
        }
    }

    /**
     * Opens a partition's index from its stores (at task start, after restoration): the sealed
     * segments are read as they are stored, the live entries are told by the stored sequence
     * numbers, and only the documents that were still in the growing segment are added again.
     */
    public static IndexWriter open(int partition, IndexSettings settings, DocumentStore documents, PostingStore postings) {
        return open(settings, documents, postings, Stored.read(partition, documents, postings));
    }

    /**
     * As {@link #open(int, IndexSettings, DocumentStore, PostingStore)}, from what was read already;
     * on the stream thread, as it may write (a full growing segment is sealed).
     */
    public static IndexWriter open(IndexSettings settings, DocumentStore documents, PostingStore postings, Stored stored) {
        PartitionIndex index = new PartitionIndex(stored.partition(), settings, documents, postings, PartitionIndex.mergeExecutor());
        index.restore(stored.segments(), stored.sequences(), id -> documents.get(id).vector());
        return new IndexWriter(documents, index);
    }

    /** @return false when the stored document already had this content (nothing changed) */
    public boolean upsert(VectorRecord record) {
        if (holds(record)) {
            return false;
        }
        replace(record);
        return true;
    }

    /** Stores and indexes the record whatever the partition held of it (callers that checked {@link #holds} already). */
    public void replace(VectorRecord record) {
        // The stored document first: a seal or merge the upsert triggers may read its vector.
        long sequence = index.nextSequence();
        documents.put(record, sequence);
        if (index.upsert(record.id(), record.vector()) != sequence) {
            throw new IllegalStateException("partition " + index.partition() + " assigned another sequence number than " + sequence);
        }
    }

    /** Whether the partition already stores and indexes exactly this content and vector. */
    public boolean holds(VectorRecord record) {
        // The in-memory index first: a new document (most of a bulk load) costs no store read.
        if (!index.contains(record.id())) {
            return false;
        }
        VectorRecord previous = documents.get(record.id());
        return previous != null && previous.contentHash() != null && previous.contentHash().equals(record.contentHash())
                && previous.vector().equals(record.vector());
    }

    /** @return false when there was no such document */
    public boolean delete(String id) {
        if (documents.get(id) == null) {
            return false;
        }
        index.delete(id);
        documents.delete(id);
        return true;
    }

    /** The wall-clock tick: seals an old growing segment, installs and starts merges. */
    public void tick(long nowMs) {
        index.tick(nowMs);
    }

    public PartitionIndex index() {
        return index;
    }
}
