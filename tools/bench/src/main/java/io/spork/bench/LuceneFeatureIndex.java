package io.spork.bench;

import io.spork.schema.SparseVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.FeatureField;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;

/**
 * The peer of the query benchmark: the same vectors in Lucene as one {@link FeatureField} per term
 * (field "terms", feature name = term id, value = weight; Lucene keeps 9 significant bits of it),
 * on disk, force-merged to one segment, searched with a disjunction of linear feature queries and
 * Lucene's default top-k collector (with its dynamic pruning).
 */
final class LuceneFeatureIndex implements AutoCloseable {
    static final String FIELD = "terms";
    private static final String ORDINAL = "ordinal";
    private static final String ID = "id";

    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    private LuceneFeatureIndex(Directory directory) throws IOException {
        this.directory = directory;
        this.reader = DirectoryReader.open(directory);
        this.searcher = new IndexSearcher(reader);
    }

    /** Indexes documents 0..count-1 of the corpus into dir (one writer thread), merges to one segment, opens it. */
    static LuceneFeatureIndex build(Path dir, BenchCorpus corpus, int count) {
        try {
            Directory directory = new MMapDirectory(dir);
            IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(512).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (int i = 0; i < count; i++) {
                    writer.addDocument(document(i, corpus.document(i)));
                }
                writer.forceMerge(1);
                writer.commit();
            }
            return new LuceneFeatureIndex(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the Lucene index in " + dir, e);
        }
    }

    static Document document(long number, SparseVector vector) {
        Document doc = new Document();
        doc.add(new StringField(ID, SyntheticCorpus.documentId(number), Field.Store.YES));
        doc.add(new NumericDocValuesField(ORDINAL, number));
        for (int i = 0; i < vector.size(); i++) {
            doc.add(new FeatureField(FIELD, Integer.toString(vector.idAt(i)), vector.weightAt(i)));
        }
        return doc;
    }

    static Query query(SparseVector vector) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        for (int i = 0; i < vector.size(); i++) {
            builder.add(FeatureField.newLinearQuery(FIELD, Integer.toString(vector.idAt(i)), vector.weightAt(i)),
                    BooleanClause.Occur.SHOULD);
        }
        return builder.build();
    }

    /** Top-k document numbers, best first, with Lucene's defaults (dynamic pruning once 1000 hits are counted). */
    long[] search(SparseVector vector, int k) {
        try {
            return numbers(searcher.search(query(vector), k));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same without dynamic pruning: every hit is counted, so every matching document is scored. */
    long[] searchWithoutPruning(SparseVector vector, int k) {
        return search(vector, k, Integer.MAX_VALUE);
    }

    /** Top-k with dynamic pruning once {@code totalHitsThreshold} hits are counted (Lucene's default: 1000). */
    long[] search(SparseVector vector, int k, int totalHitsThreshold) {
        try {
            return numbers(searcher.search(query(vector), new TopScoreDocCollectorManager(k, null, totalHitsThreshold)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a configuration name means, for the benchmark's lines. */
    static String describe(String configuration) {
        if (configuration.equals("default")) {
            return "default collector (dynamic pruning once 1000 hits are counted)";
        }
        if (configuration.equals("exhaustive")) {
            return "no dynamic pruning";
        }
        return "dynamic pruning once " + configuration.substring("threshold=".length()) + " hits are counted";
    }

    /**
     * Top-k by a configuration's name: {@code default} (Lucene's own {@code search(query, k)}),
     * {@code exhaustive} (no dynamic pruning) or {@code threshold=N} (pruning once N hits are counted).
     */
    long[] search(SparseVector vector, int k, String configuration) {
        if (configuration.equals("default")) {
            return search(vector, k);
        }
        if (configuration.equals("exhaustive")) {
            return searchWithoutPruning(vector, k);
        }
        if (configuration.startsWith("threshold=")) {
            return search(vector, k, Integer.parseInt(configuration.substring("threshold=".length())));
        }
        throw new IllegalArgumentException("unknown Lucene configuration " + configuration + " (default, exhaustive or threshold=N)");
    }

    /** Document numbers of the hits, read from doc values, so Lucene's merge order does not matter. */
    private long[] numbers(TopDocs top) throws IOException {
        long[] numbers = new long[top.scoreDocs.length];
        List<LeafReaderContext> leaves = reader.leaves();
        for (int i = 0; i < numbers.length; i++) {
            ScoreDoc hit = top.scoreDocs[i];
            LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(hit.doc, leaves));
            NumericDocValues ordinals = leaf.reader().getNumericDocValues(ORDINAL);
            if (ordinals == null || !ordinals.advanceExact(hit.doc - leaf.docBase)) {
                throw new IllegalStateException("document " + hit.doc + " has no ordinal");
            }
            numbers[i] = ordinals.longValue();
        }
        return numbers;
    }

    int segments() {
        return reader.leaves().size();
    }

    int documents() {
        return reader.numDocs();
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
