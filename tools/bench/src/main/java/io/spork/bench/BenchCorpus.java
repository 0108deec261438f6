package io.spork.bench;

import io.spork.schema.SparseVector;
import java.nio.file.Path;

/**
 * A reproducible corpus for the query benchmark: document {@code i} and query {@code j} depend only
 * on the corpus' seed and their number, so each system draws the corpus again instead of holding
 * it. Implemented by {@link SyntheticCorpus} (terms drawn independently) and {@link TopicalCorpus}
 * (documents drawn from topics of real vectors).
 */
interface BenchCorpus {
    /** Document number {@code i} (any i >= 0). */
    SparseVector document(long i);

    /** Query number {@code j} (any j >= 0). */
    SparseVector query(long j);

    /** One line saying what the corpus is drawn from. */
    String describe();

    /** The same kind of corpus with another seed (new documents for a concurrent writer). */
    BenchCorpus reseeded(long seed);

    /** The corpus of the query benchmark's options: topics fitted to {@code topicsFrom} for the topical shape, else drawn from the statistics. */
    static BenchCorpus drawn(SpladeStats stats, CorpusShape shape, long seed, Path topicsFrom) {
        return shape == CorpusShape.TOPICAL ? TopicalCorpus.fit(topicsFrom, seed) : new SyntheticCorpus(stats, shape, seed);
    }

    /**
     * A hash of the first {@code docs} documents and queries 0..queries-1 (ids and the bits of each
     * weight): two processes that draw the corpus on their own can check that they drew the same one.
     */
    static long fingerprint(BenchCorpus corpus, int docs, int queries) {
        long hash = 1125899906842597L;
        for (int i = 0; i < docs + queries; i++) {
            SparseVector v = i < docs ? corpus.document(i) : corpus.query(i - docs);
            for (int t = 0; t < v.size(); t++) {
                hash = 31 * hash + v.idAt(t);
                hash = 31 * hash + Float.floatToIntBits(v.weightAt(t));
            }
            hash = 31 * hash + v.size();
        }
        return hash;
    }
}
