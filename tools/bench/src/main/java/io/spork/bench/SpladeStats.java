package io.spork.bench;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Statistics of real SPLADE vectors, measured by {@link StatsExtractor} on an encoded corpus and
 * its queries, from which {@link SyntheticCorpus} draws corpora and queries of any size.
 *
 * @param source         what was encoded (data set and files)
 * @param model          the model that encoded it
 * @param vocabularySize the model's vocabulary
 * @param documents      document-side distributions
 * @param queries        query-side distributions
 * @param terms          per-term statistics of every term seen in a document or a query
 */
public record SpladeStats(String source, String model, int vocabularySize, Side documents, Side queries, Terms terms) {
    /** The statistics bundled with Spork: SciFact (corpus and queries) encoded with models/splade-tiny. */
    public static final String BUNDLED_RESOURCE = "/io/spork/bench/scifact-splade-tiny-stats.json";

    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * One side (documents or queries).
     *
     * @param count                how many vectors were measured
     * @param termCounts           the number of nonzero terms of every measured vector, ascending
     * @param maxWeight            the largest weight seen (SPLADE weights, log(1 + ReLU(logit)), stay small)
     * @param weightRatioQuantiles by frequency class c = floor(log2(frequency of the term on this side)):
     *                             quantiles (0%, 1%, ..., 100%) of weight / (mean weight of its term), the
     *                             shape of a term's weights around its mean; classes under
     *                             {@link #MIN_RATIO_CLASS} (terms seen fewer than 8 times, whose mean is
     *                             too close to their few weights) and sparse classes repeat a neighbour's
     */
    public record Side(int count, int[] termCounts, float maxWeight, float[][] weightRatioQuantiles) {
        public double meanTermCount() {
            long sum = 0;
            for (int c : termCounts) {
                sum += c;
            }
            return termCounts.length == 0 ? 0 : (double) sum / termCounts.length;
        }

        /** The ratio quantiles for a term seen {@code frequency} times (>= 1) on this side. */
        public float[] ratioQuantiles(int frequency) {
            int c = frequencyClass(frequency);
            return weightRatioQuantiles[Math.min(c, weightRatioQuantiles.length - 1)];
        }
    }

    /** The lowest frequency class with its own ratio quantiles (terms seen at least 2^3 = 8 times). */
    public static final int MIN_RATIO_CLASS = 3;

    /** floor(log2(frequency)) for frequency >= 1. */
    public static int frequencyClass(int frequency) {
        return 31 - Integer.numberOfLeadingZeros(Math.max(1, frequency));
    }

    /**
     * Parallel arrays, one entry per term, by ascending id.
     *
     * @param id              vocabulary id
     * @param df              documents in which the term is nonzero
     * @param docMeanWeight   mean weight of the term in those documents (0 when df = 0)
     * @param qf              queries in which the term is nonzero
     * @param queryMeanWeight mean weight of the term in those queries (0 when qf = 0)
     */
    public record Terms(int[] id, int[] df, float[] docMeanWeight, int[] qf, float[] queryMeanWeight) {
        public int size() {
            return id.length;
        }
    }

    public static SpladeStats bundled() {
        try (InputStream in = SpladeStats.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BUNDLED_RESOURCE + " is missing; run io.spork.bench.StatsExtractor");
            }
            return MAPPER.readValue(in, SpladeStats.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SpladeStats read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), SpladeStats.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read statistics " + file, e);
        }
    }

    public void write(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            MAPPER.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write statistics " + file, e);
        }
    }
}
