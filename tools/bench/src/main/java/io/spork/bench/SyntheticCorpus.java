package io.spork.bench;

import io.spork.schema.SparseVector;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * SPLADE-like documents and queries drawn from measured {@link SpladeStats}, reproducibly: document
 * {@code i} and query {@code j} depend only on the seed and their number, so a corpus of a million
 * documents is generated again for each system instead of being held in memory.
 *
 * <p>What follows the measurements:
 * <ul>
 *   <li>terms per vector: drawn from the measured counts, rescaled to the shape's mean;</li>
 *   <li>which terms: each term is in a document with probability p = df / N (times the rescaling),
 *       in a query with qf / Nq; a vector of L terms is L distinct draws in proportion to
 *       -ln(1 - p), which makes the inclusion probability of a term close to p (successive sampling
 *       includes a term of weight w with probability about 1 - exp(-w));</li>
 *   <li>weights: the term's measured mean weight (documents and queries separately) times a ratio
 *       drawn from the measured distribution of weight / term mean among terms of about the same
 *       frequency, capped at the largest weight measured; so frequent terms keep their lower
 *       weights (lower means and shorter upper tails), as in real SPLADE.</li>
 * </ul>
 * What does not: terms are drawn independently of each other (no topics), so queries have no
 * relevant documents; top-10 scores are lower and flatter than on real data.
 */
public final class SyntheticCorpus implements BenchCorpus {
    /** The most a rescaled inclusion probability may be: a term in every document would have an infinite draw weight. */
    private static final double MAX_INCLUSION = 0.98;
    private static final float MIN_WEIGHT = 1e-7f;

    private final SpladeStats stats;
    private final CorpusShape shape;
    private final long seed;
    private final Side documents;
    private final Side queries;

    public SyntheticCorpus(SpladeStats stats, CorpusShape shape, long seed) {
        this.stats = stats;
        this.shape = shape;
        this.seed = seed;
        SpladeStats.Terms terms = stats.terms();
        this.documents = new Side(stats.documents(), terms.id(), terms.df(), terms.docMeanWeight(), shape.documentTerms());
        this.queries = new Side(stats.queries(), terms.id(), terms.qf(), terms.queryMeanWeight(), shape.queryTerms());
    }

    public SpladeStats stats() {
        return stats;
    }

    public CorpusShape shape() {
        return shape;
    }

    @Override
    public SparseVector document(long i) {
        return documents.draw(new SplittableRandom(mix(seed, 2 * i)));
    }

    @Override
    public SparseVector query(long j) {
        return queries.draw(new SplittableRandom(mix(seed, 2 * j + 1)));
    }

    @Override
    public String describe() {
        return "terms drawn independently from " + stats.source() + " (shape " + shape + ")";
    }

    @Override
    public BenchCorpus reseeded(long newSeed) {
        return new SyntheticCorpus(stats, shape, newSeed);
    }

    /** The id of document {@code i}: fixed width, so id order is number order. */
    public static String documentId(long i) {
        String digits = Long.toString(i);
        return "d" + "0".repeat(Math.max(0, 9 - digits.length())) + digits;
    }

    /** Mean terms per document this corpus aims at. */
    public double targetDocumentTerms() {
        return documents.targetMean;
    }

    /** Mean terms per query this corpus aims at. */
    public double targetQueryTerms() {
        return queries.targetMean;
    }

    static long mix(long seed, long n) {
        long z = seed * 0x9E3779B97F4A7C15L + n * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One side (documents or queries): its length distribution, term sampler and weights. */
    private static final class Side {
        private final int[] lengths;
        private final double lengthScale;
        private final double targetMean;
        private final int[] termIds;
        private final float[] meanWeights;
        private final float[][] ratioQuantiles;
        private final float maxWeight;
        private final AliasSampler sampler;
        private final int distinctTerms;

        Side(SpladeStats.Side measured, int[] ids, int[] frequency, float[] meanWeight, double targetMean) {
            double measuredMean = measured.meanTermCount();
            this.targetMean = targetMean > 0 ? targetMean : measuredMean;
            this.lengthScale = targetMean > 0 ? targetMean / measuredMean : 1.0;
            this.lengths = measured.termCounts();
            this.maxWeight = measured.maxWeight();
            int n = 0;
            for (int f : frequency) {
                if (f > 0) {
                    n++;
                }
            }
            termIds = new int[n];
            meanWeights = new float[n];
            ratioQuantiles = new float[n][];
            double[] drawWeights = new double[n];
            for (int t = 0, j = 0; t < ids.length; t++) {
                if (frequency[t] > 0) {
                    double p = Math.min(MAX_INCLUSION, (double) frequency[t] / measured.count() * lengthScale);
                    termIds[j] = ids[t];
                    meanWeights[j] = meanWeight[t];
                    ratioQuantiles[j] = measured.ratioQuantiles(frequency[t]);
                    drawWeights[j] = -Math.log1p(-p);
                    j++;
                }
            }
            this.distinctTerms = n;
            this.sampler = new AliasSampler(drawWeights);
        }

        SparseVector draw(SplittableRandom random) {
            int length = (int) Math.round(lengths[random.nextInt(lengths.length)] * lengthScale + random.nextDouble() - 0.5);
            length = Math.max(1, Math.min(distinctTerms, length));
            int[] picked = new int[length];
            int n = 0;
            // Rejection of repeats: a sorted insert keeps this allocation-free and short vectors fast.
            while (n < length) {
                int term = sampler.next(random);
                int at = Arrays.binarySearch(picked, 0, n, term);
                if (at < 0) {
                    at = -at - 1;
                    System.arraycopy(picked, at, picked, at + 1, n - at);
                    picked[at] = term;
                    n++;
                }
            }
            int[] ids = new int[length];
            float[] weights = new float[length];
            for (int i = 0; i < length; i++) {
                // Term ids are ascending in the table, so picked (sorted by index) is sorted by id too.
                ids[i] = termIds[picked[i]];
                float w = meanWeights[picked[i]] * ratio(ratioQuantiles[picked[i]], random.nextDouble());
                weights[i] = Math.max(MIN_WEIGHT, Math.min(maxWeight, w));
            }
            return new SparseVector(ids, weights);
        }

        /** The measured ratio distribution, interpolated between its percentiles. */
        private static float ratio(float[] ratioQuantiles, double u) {
            double x = u * (ratioQuantiles.length - 1);
            int lo = (int) x;
            if (lo >= ratioQuantiles.length - 1) {
                return ratioQuantiles[ratioQuantiles.length - 1];
            }
            double f = x - lo;
            return (float) (ratioQuantiles[lo] * (1 - f) + ratioQuantiles[lo + 1] * f);
        }
    }
}
