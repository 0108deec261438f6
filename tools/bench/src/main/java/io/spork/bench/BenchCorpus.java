package io.spork.bench;

import io.spork.schema.SparseVector;

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
}
