package io.spork.index;

import io.spork.schema.SparseVector;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Random;

/**
 * A harness, not a test: times {@link WindowScorer#score} alone on one sealed segment of the
 * msmarco shape's density (130 terms per document drawn independently from 1,400, so a query
 * term holds about 9% of the documents, 50 terms per query), without RocksDB, rescoring or the
 * benchmark's Lucene peers, and prints nanoseconds per posting an exhaustive scorer would visit.
 * For comparing variants of the posting loops back to back on one machine:
 * {@code java -cp streams-app/target/test-classes:streams-app/target/classes:schemas/target/classes:JACKSON
 * io.spork.index.WindowScorerThroughput DOCS QUERIES [WINDOW_SHIFT] [SHARE_OF_CUT]}.
 */
public final class WindowScorerThroughput {
    private static final int VOCABULARY = 1400;
    private static final int TERMS_PER_DOCUMENT = 130;
    private static final int TERMS_PER_QUERY = 50;

    private WindowScorerThroughput() {
    }

    public static void main(String[] args) {
        int docs = Integer.parseInt(args[0]);
        int queries = Integer.parseInt(args[1]);
        int shift = args.length > 2 ? Integer.parseInt(args[2]) : SegmentScorer.WINDOW_SHIFT;
        float share = args.length > 3 ? Float.parseFloat(args[3]) : NonEssentialTerms.SHARE_OF_CUT;
        Random random = new Random(42);
        SealedSegment segment = segment(docs, random);
        LiveSet live = LiveSet.allLive(docs);
        SparseVector[] drawn = new SparseVector[64];
        long postings = 0;
        for (int q = 0; q < drawn.length; q++) {
            int[] ids = random.ints(0, VOCABULARY).distinct().limit(TERMS_PER_QUERY).sorted().toArray();
            float[] weights = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                weights[i] = exponential(random);
                postings += segment.termPostings[segment.termIndex(ids[i])];
            }
            drawn[q] = new SparseVector(ids, weights);
        }
        postings /= drawn.length;
        for (int round = 0; round < 3; round++) {
            SearchStats stats = new SearchStats();
            long start = System.nanoTime();
            for (int q = 0; q < queries; q++) {
                SparseVector query = drawn[q % drawn.length];
                WindowScorer.score(0, segment, live, query, shift, WindowScorer.slack(query.size()), 0f,
                        new WindowScratch(shift, query.size(), share), new LowerBounds(10), new Candidates(), stats);
            }
            long nanos = System.nanoTime() - start;
            System.out.printf("round %d: %.3f ms per query, %d postings per query, %.2f ns per posting, pending %d, candidates %d%n",
                    round, nanos / 1e6 / queries, postings, nanos / (double) queries / postings, stats.pending / queries,
                    stats.candidates / queries);
        }
    }

    private static SealedSegment segment(int docs, Random random) {
        int[][] ordinals = new int[VOCABULARY][16];
        float[][] weights = new float[VOCABULARY][16];
        int[] counts = new int[VOCABULARY];
        SegmentBuilder builder = new SegmentBuilder();
        for (int d = 0; d < docs; d++) {
            builder.document("d" + d, d, TERMS_PER_DOCUMENT);
            BitSet used = new BitSet(VOCABULARY);
            for (int i = 0; i < TERMS_PER_DOCUMENT; i++) {
                int t = random.nextInt(VOCABULARY);
                while (used.get(t)) {
                    t = random.nextInt(VOCABULARY);
                }
                used.set(t);
                if (counts[t] == ordinals[t].length) {
                    ordinals[t] = Arrays.copyOf(ordinals[t], counts[t] * 2);
                    weights[t] = Arrays.copyOf(weights[t], counts[t] * 2);
                }
                ordinals[t][counts[t]] = d;
                weights[t][counts[t]++] = exponential(random);
            }
        }
        for (int t = 0; t < VOCABULARY; t++) {
            builder.reserve(t, counts[t]);
            for (int p = 0; p < counts[t]; p++) {
                builder.posting(t, ordinals[t][p], weights[t][p]);
            }
        }
        return builder.build(0);
    }

    private static float exponential(Random random) {
        return (float) -Math.log(1 - random.nextDouble());
    }
}
