package io.spork.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * The BM25 baseline of BEIR ("BM25 flat" in Pyserini's tables), in memory with Lucene: one field
 * holding title + " " + text, Lucene's {@link EnglishAnalyzer} (possessives, lower case, stop
 * words, Porter stemmer), {@link BM25Similarity} with k1 = 0.9 and b = 0.4. A query is its analyzed
 * terms as SHOULD clauses, one per occurrence, as Lucene's classic query parser would build it.
 * Run it with {@code ./spork eval --beir DIR --model bm25}.
 *
 * <p>With {@code partitions > 1} it shows what partition-local statistics would cost: the corpus is
 * split as Kafka's default partitioner splits document ids, each part is its own Lucene index
 * scored with its own document count, document frequencies and average length, and the per-part
 * top lists are merged by score, as an engine without a statistics phase would merge them.
 */
final class Bm25Retriever {
    static final float K1 = 0.9f;
    static final float B = 0.4f;
    private static final String ID_FIELD = "id";
    private static final String CONTENTS_FIELD = "contents";

    private final PrintStream progress;
    private final int partitions;

    Bm25Retriever(PrintStream progress) {
        this(progress, 1);
    }

    Bm25Retriever(PrintStream progress, int partitions) {
        this.progress = progress;
        this.partitions = partitions;
    }

    RetrievalOutcome retrieve(List<BeirDocument> corpus, List<EvalQuery> queries, int hits) {
        if (partitions > 1) {
            return retrievePartitioned(corpus, queries, hits);
        }
        BM25Similarity similarity = new BM25Similarity(K1, B);
        try (Analyzer analyzer = new EnglishAnalyzer(); Directory directory = new ByteBuffersDirectory()) {
            long indexStart = System.nanoTime();
            index(corpus, analyzer, similarity, directory);
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                long indexNanos = System.nanoTime() - indexStart;
                progress.printf("spork eval: bm25 indexed %d documents in %.1f s%n", reader.numDocs(), indexNanos / 1e9);
                IndexSearcher searcher = new IndexSearcher(reader);
                searcher.setSimilarity(similarity);
                StoredFields storedFields = searcher.storedFields();
                Run run = new Run();
                long[] latencies = new long[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    EvalQuery query = queries.get(i);
                    long started = System.nanoTime();
                    TopDocs top = searcher.search(bagOfWords(analyzer, query.text()), hits);
                    List<RankedHit> ranked = new ArrayList<>(top.scoreDocs.length);
                    for (ScoreDoc sd : top.scoreDocs) {
                        ranked.add(new RankedHit(storedFields.document(sd.doc).get(ID_FIELD), sd.score));
                    }
                    latencies[i] = System.nanoTime() - started;
                    run.put(query.id(), ranked);
                }
                return RetrievalOutcome.of(run, reader.numDocs(), indexNanos, latencies);
            }
        } catch (IOException e) {
            throw new EvalException("BM25 baseline failed: " + e.getMessage(), e);
        }
    }

    /** Each of the parts searched with its own statistics; the hits merged by score (ties by id). */
    private RetrievalOutcome retrievePartitioned(List<BeirDocument> corpus, List<EvalQuery> queries, int hits) {
        List<List<BeirDocument>> parts = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            parts.add(new ArrayList<>());
        }
        for (BeirDocument doc : corpus) {
            byte[] key = doc.id().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            parts.get(org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(key)) % partitions).add(doc);
        }
        Run run = new Run();
        long start = System.nanoTime();
        long documents = 0;
        for (List<BeirDocument> part : parts) {
            RetrievalOutcome partial = new Bm25Retriever(progress).retrieve(part, queries, hits);
            documents += partial.documentsIndexed();
            for (EvalQuery q : queries) {
                List<RankedHit> merged = new ArrayList<>(run.ranked(q.id()));
                merged.addAll(partial.run().ranked(q.id()));
                merged.sort(java.util.Comparator.comparing(RankedHit::score, java.util.Comparator.reverseOrder())
                        .thenComparing(RankedHit::docId));
                run.put(q.id(), merged.size() > hits ? merged.subList(0, hits) : merged);
            }
        }
        progress.printf("spork eval: bm25 over %d parts, each with its own statistics%n", partitions);
        return RetrievalOutcome.of(run, documents, System.nanoTime() - start, new long[0]);
    }

    private static void index(List<BeirDocument> corpus, Analyzer analyzer, BM25Similarity similarity, Directory directory)
            throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setSimilarity(similarity)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (BeirDocument doc : corpus) {
                Document lucene = new Document();
                lucene.add(new StringField(ID_FIELD, doc.id(), Field.Store.YES));
                lucene.add(new TextField(CONTENTS_FIELD, doc.titleAndText(), Field.Store.NO));
                // A repeated id replaces the earlier document, as an upsert does in Spork.
                writer.updateDocument(new Term(ID_FIELD, doc.id()), lucene);
            }
            writer.commit();
        }
    }

    /** One SHOULD term clause per analyzed token of the text (a repeated term gets one clause each time). */
    static Query bagOfWords(Analyzer analyzer, String text) throws IOException {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        int clauses = 0;
        try (TokenStream tokens = analyzer.tokenStream(CONTENTS_FIELD, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && clauses < IndexSearcher.getMaxClauseCount()) {
                query.add(new TermQuery(new Term(CONTENTS_FIELD, term.toString())), BooleanClause.Occur.SHOULD);
                clauses++;
            }
            tokens.end();
        }
        return query.build();
    }
}
