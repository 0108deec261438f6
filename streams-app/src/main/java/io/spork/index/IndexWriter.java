package io.spork.index;

import io.spork.schema.SparseVector;
import io.spork.schema.VectorRecord;
import io.spork.state.SideRecords;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
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
     * What a partition's index opens from: the sealed segments with their live sets and the stored
     * vectors of the documents to add again, told by the liveness checkpoint when the document store
     * holds one ({@link CheckpointRestore}: no stored document is read but those), else by every stored
     * document's sequence number ({@link SegmentRestore}). Only reads the stores, so it may run on any thread.
     *
     * @param index   a new index with the sealed segments and their live sets installed, not shared yet
     * @param pending the stored documents in no sealed segment, to add again (on the stream thread: it may seal)
     * @param vectors the stored vector of each pending document, in order
     * @param stale   the side keys the document store held (the first commit deletes those it does not rewrite)
     */
    public record Stored(PartitionIndex index, List<SegmentRestore.Pending> pending, List<SparseVector> vectors, List<byte[]> stale) {
        /** Reads the stores and installs the sealed segments in a new index (the location table included: off the stream thread). */
        public static Stored read(int partition, IndexSettings settings, DocumentStore documents, PostingStore postings) {
            long started = System.nanoTime();
            List<SealedSegment> segments = postings.load();
            long loaded = System.nanoTime();
            NavigableMap<byte[], byte[]> side = documents.side().read();
            CheckpointRestore.Outcome checkpoint = CheckpointRestore.of(side, segments);
            List<byte[]> touched = TouchedDocuments.of(side);
            SegmentRestore.Restored fromCheckpoint = checkpoint.restored() == null ? null
                    : TouchedDocuments.apply(checkpoint.restored(), touched, id -> {
                        DocumentCodec.Stored entry = documents.entry(id);
                        return entry == null ? null : entry.sequence();
                    });
            List<SparseVector> pending = fromCheckpoint == null ? null : vectors(fromCheckpoint, documents, true);
            if (pending != null) {
                LOG.info("partition {}: {} segments loaded in {} ms; {} live documents and {} to add again from the liveness checkpoint"
                                + " and {} documents restored after it in {} ms", partition, segments.size(), (loaded - started) / 1_000_000,
                        fromCheckpoint.liveDocuments(), pending.size(), touched.size(), (System.nanoTime() - loaded) / 1_000_000);
                return installed(partition, settings, documents, postings, fromCheckpoint, pending, side);
            }
            String whyNot = checkpoint.whyNot() != null ? checkpoint.whyNot() : "a document the liveness checkpoint names is stored in another version";
            Map<String, Long> sequences = new HashMap<>();
            documents.forEachSequence(sequences::put);
            SegmentRestore.Restored restored = SegmentRestore.of(segments, sequences);
            pending = vectors(restored, documents, false);
            LOG.info("partition {}: {} segments loaded in {} ms; {}: {} stored documents read in {} ms", partition, segments.size(),
                    (loaded - started) / 1_000_000, whyNot, sequences.size(), (System.nanoTime() - loaded) / 1_000_000);
            return installed(partition, settings, documents, postings, restored, pending, side);
        }

        private static Stored installed(int partition, IndexSettings settings, DocumentStore documents, PostingStore postings,
                                        SegmentRestore.Restored restored, List<SparseVector> vectors, NavigableMap<byte[], byte[]> side) {
            PartitionIndex index = new PartitionIndex(partition, settings, documents, postings, PartitionIndex.mergeExecutor());
            long started = System.nanoTime();
            index.install(restored);
            LOG.info("partition {}: {} live documents installed in {} ms", partition, restored.liveDocuments(), (System.nanoTime() - started) / 1_000_000);
            return new Stored(index, restored.pending(), vectors, CheckpointRestore.keys(side));
        }

        /** The stored vectors of the pending documents; null when one is not stored in its pending version and {@code exact}. */
        private static List<SparseVector> vectors(SegmentRestore.Restored restored, DocumentStore documents, boolean exact) {
            List<SparseVector> vectors = new ArrayList<>(restored.pending().size());
            for (SegmentRestore.Pending p : restored.pending()) {
                SparseVector v = documents.vector(p.id(), p.sequence());
                if (v == null && exact) {
                    return null;
                }
                vectors.add(v);
            }
            return vectors;
        }
    }

    /**
     * Opens a partition's index from its stores (at task start, after restoration): the sealed
     * segments are read as they are stored, their live entries told by the liveness checkpoint or
     * the stored sequence numbers, and only the documents that were still in the growing segment
     * are added again.
     */
    public static IndexWriter open(int partition, IndexSettings settings, DocumentStore documents, PostingStore postings) {
        return open(documents, postings, Stored.read(partition, settings, documents, postings));
    }

    /**
     * As {@link #open(int, IndexSettings, DocumentStore, PostingStore)}, from what was read already;
     * on the stream thread, as it may write (a full growing segment is sealed). From here on every
     * commit of the document store writes the liveness checkpoint, and so does every commit of the
     * posting store (a seal or merge that wrote no document).
     */
    public static IndexWriter open(DocumentStore documents, PostingStore postings, Stored stored) {
        PartitionIndex index = stored.index();
        index.addPending(stored.pending(), stored.vectors());
        SideRecords checkpoint = documents.side();
        checkpoint.attach(index.checkpoint(stored.stale()));
        postings.side().attach(new SideRecords.Companion() {
            @Override
            public void addTo(SideRecords.Writes writes) {
            }

            @Override
            public void persisted() {
                checkpoint.persistSide();
            }
        });
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
