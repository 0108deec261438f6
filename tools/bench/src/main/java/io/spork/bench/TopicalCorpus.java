package io.spork.bench;

import io.spork.schema.SparseVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Documents drawn from topic mixtures fitted to real SPLADE vectors, so that terms co-occur as in
 * real text (issue 13's topical shape). Fitting: the real document vectors (those {@code bench stats
 * --vectors-out} writes) are clustered into {@value #TOPICS} topics by spherical k-means (cosine,
 * {@value #ITERATIONS} rounds, seeded); a topic is the bag of its members' postings (term, weight).
 *
 * <p>Document i: a main topic (chosen in proportion to topic size) and a second one; its length is
 * that of a random real member of the main topic; each term is a posting drawn from the main topic
 * with probability {@code share} (uniform in 0.6..1), else from the second, repeats rejected, its
 * weight the drawn posting's weight times a factor in 0.9..1.1. Query j: a real query vector
 * (drawn at random) with each weight times a factor in 0.8..1.2.
 */
final class TopicalCorpus implements BenchCorpus {
    static final int TOPICS = 64;
    static final int ITERATIONS = 8;

    private final Path source;
    private final Topics topics;
    private final List<SparseVector> realQueries;
    private final long seed;

    private TopicalCorpus(Path source, Topics topics, List<SparseVector> realQueries, long seed) {
        this.source = source;
        this.topics = topics;
        this.realQueries = realQueries;
        this.seed = seed;
    }

    /** Fits the topics to the vectors of a {@code bench stats --vectors-out} file. */
    static TopicalCorpus fit(Path vectorsFile, long seed) {
        List<SparseVector> docs = new ArrayList<>();
        List<SparseVector> queries = new ArrayList<>();
        StatsExtractor.readVectors(vectorsFile, docs, queries);
        if (docs.size() < TOPICS || queries.isEmpty()) {
            throw new IllegalArgumentException(vectorsFile + " holds " + docs.size() + " document and " + queries.size()
                    + " query vectors; the topical shape needs at least " + TOPICS + " documents and one query");
        }
        return new TopicalCorpus(vectorsFile, Topics.fit(docs, TOPICS, ITERATIONS, seed), List.copyOf(queries), seed);
    }

    static TopicalCorpus of(List<SparseVector> docs, List<SparseVector> queries, int topics, long seed) {
        return new TopicalCorpus(Path.of("(given vectors)"), Topics.fit(docs, topics, ITERATIONS, seed), List.copyOf(queries), seed);
    }

    @Override
    public SparseVector document(long i) {
        SplittableRandom random = new SplittableRandom(SyntheticCorpus.mix(seed, 2 * i));
        int main = topics.pick(random);
        int second = topics.pick(random);
        double share = 0.6 + 0.4 * random.nextDouble();
        int length = topics.memberLength(main, random);
        int[] ids = new int[length];
        float[] weights = new float[length];
        int n = 0;
        for (int attempt = 0; n < length && attempt < 20 * length; attempt++) {
            int topic = random.nextDouble() < share ? main : second;
            int p = random.nextInt(topics.postings(topic));
            int term = topics.term(topic, p);
            int at = Arrays.binarySearch(ids, 0, n, term);
            if (at < 0) {
                at = -at - 1;
                System.arraycopy(ids, at, ids, at + 1, n - at);
                System.arraycopy(weights, at, weights, at + 1, n - at);
                ids[at] = term;
                weights[at] = topics.weight(topic, p) * (float) (0.9 + 0.2 * random.nextDouble());
                n++;
            }
        }
        return new SparseVector(Arrays.copyOf(ids, n), Arrays.copyOf(weights, n));
    }

    @Override
    public SparseVector query(long j) {
        SplittableRandom random = new SplittableRandom(SyntheticCorpus.mix(seed, 2 * j + 1));
        SparseVector real = realQueries.get(random.nextInt(realQueries.size()));
        float[] weights = new float[real.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = real.weightAt(i) * (float) (0.8 + 0.4 * random.nextDouble());
        }
        return new SparseVector(real.ids(), weights);
    }

    @Override
    public String describe() {
        return String.format("topical: %d real document vectors of %s in %d topics (spherical k-means), each document a mix of two;"
                        + " queries: %d real query vectors, weights jittered", topics.fitted(), source.getFileName(), topics.count(),
                realQueries.size());
    }

    @Override
    public BenchCorpus reseeded(long newSeed) {
        return new TopicalCorpus(source, topics, realQueries, newSeed);
    }

    int topicCount() {
        return topics.count();
    }
}
