package io.spork.lexical;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.SmallFloat;

/**
 * BM25 of one query with given (cluster-wide) statistics, computed by Lucene's own
 * {@link BM25Similarity}: idf {@code log(1 + (N - df + 0.5) / (df + 0.5))}, the document length
 * encoded in one byte as Lucene's norms encode it ({@link SmallFloat#intToByte4}), so scores equal
 * a single Lucene index's to the last digit. Terms no document holds are left out.
 */
public final class Bm25Scoring {
    /** One scored query term: its statistics and Lucene's scorer for them. */
    public record ScoredTerm(String term, int queryCount, long documentFrequency, float idf, Similarity.SimScorer scorer) {
        public float score(int frequency, int documentLength) {
            return scorer.score(frequency, Bm25Scoring.norm(documentLength));
        }
    }

    private final List<ScoredTerm> terms;
    private final Bm25Statistics statistics;

    public Bm25Scoring(Bm25Query query, Bm25Statistics statistics, Bm25Parameters parameters) {
        this.statistics = statistics;
        this.terms = new ArrayList<>(query.termCounts().size());
        if (statistics.documentCount() == 0) {
            return;
        }
        BM25Similarity similarity = new BM25Similarity(parameters.k1(), parameters.b());
        CollectionStatistics collection = new CollectionStatistics(LexicalAnalyzer.FIELD, statistics.documentCount(),
                statistics.documentCount(), statistics.totalLength(), statistics.documentCount());
        for (Map.Entry<String, Integer> e : query.termCounts().entrySet()) {
            long df = statistics.documentFrequency(e.getKey());
            if (df == 0) {
                continue;
            }
            TermStatistics term = new TermStatistics(new BytesRef(e.getKey()), df, df);
            float idf = (float) Math.log(1 + (statistics.documentCount() - df + 0.5D) / (df + 0.5D));
            terms.add(new ScoredTerm(e.getKey(), e.getValue(), df, idf, similarity.scorer(e.getValue(), collection, term)));
        }
    }

    public List<ScoredTerm> terms() {
        return terms;
    }

    public Bm25Statistics statistics() {
        return statistics;
    }

    /** The one-byte length Lucene's BM25 norms store (lossy above 40 tokens). */
    public static long norm(int documentLength) {
        return SmallFloat.intToByte4(documentLength);
    }
}
