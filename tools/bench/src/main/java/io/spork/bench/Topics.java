package io.spork.bench;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Topics of real sparse vectors for {@link TopicalCorpus}: spherical k-means (each vector scaled
 * to unit length, assigned to the centroid of largest dot product, centroids the normalized sums
 * of their members; farthest-point start; an empty topic restarts at a random vector), then per topic the postings of
 * its members, flat, and its members' lengths.
 */
final class Topics {
    private final int[][] terms;
    private final float[][] weights;
    private final int[][] lengths;
    private final AliasSampler bySize;
    private final int fitted;

    private Topics(int[][] terms, float[][] weights, int[][] lengths, int fitted) {
        this.terms = terms;
        this.weights = weights;
        this.lengths = lengths;
        this.fitted = fitted;
        double[] size = new double[terms.length];
        for (int t = 0; t < size.length; t++) {
            size[t] = lengths[t].length;
        }
        this.bySize = new AliasSampler(size);
    }

    static Topics fit(List<SparseVector> docs, int k, int iterations, long seed) {
        int vocabulary = 0;
        for (SparseVector d : docs) {
            vocabulary = Math.max(vocabulary, d.size() == 0 ? 0 : d.idAt(d.size() - 1) + 1);
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centroids = new float[k][vocabulary];
        // Farthest-point start: each next centroid is the vector least like those already chosen.
        add(centroids[0], docs.get(random.nextInt(docs.size())));
        normalize(centroids[0]);
        double[] closest = new double[docs.size()];
        Arrays.fill(closest, -1);
        for (int c = 1; c < k; c++) {
            int farthest = 0;
            for (int d = 0; d < docs.size(); d++) {
                closest[d] = Math.max(closest[d], dot(centroids[c - 1], docs.get(d)));
                if (closest[d] < closest[farthest]) {
                    farthest = d;
                }
            }
            add(centroids[c], docs.get(farthest));
            normalize(centroids[c]);
        }
        int[] assigned = new int[docs.size()];
        for (int round = 0; round < iterations; round++) {
            for (int d = 0; d < docs.size(); d++) {
                assigned[d] = nearest(centroids, docs.get(d));
            }
            int[] members = new int[k];
            for (float[] c : centroids) {
                Arrays.fill(c, 0f);
            }
            for (int d = 0; d < docs.size(); d++) {
                add(centroids[assigned[d]], docs.get(d));
                members[assigned[d]]++;
            }
            for (int c = 0; c < k; c++) {
                if (members[c] == 0) {
                    add(centroids[c], docs.get(random.nextInt(docs.size())));
                }
                normalize(centroids[c]);
            }
        }
        List<List<SparseVector>> byTopic = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            byTopic.add(new ArrayList<>());
        }
        for (int d = 0; d < docs.size(); d++) {
            byTopic.get(nearest(centroids, docs.get(d))).add(docs.get(d));
        }
        byTopic.removeIf(List::isEmpty);
        int topics = byTopic.size();
        int[][] terms = new int[topics][];
        float[][] weights = new float[topics][];
        int[][] lengths = new int[topics][];
        for (int t = 0; t < topics; t++) {
            List<SparseVector> members = byTopic.get(t);
            int postings = 0;
            lengths[t] = new int[members.size()];
            for (int m = 0; m < members.size(); m++) {
                lengths[t][m] = members.get(m).size();
                postings += lengths[t][m];
            }
            terms[t] = new int[postings];
            weights[t] = new float[postings];
            int at = 0;
            for (SparseVector v : members) {
                for (int i = 0; i < v.size(); i++, at++) {
                    terms[t][at] = v.idAt(i);
                    weights[t][at] = v.weightAt(i);
                }
            }
        }
        return new Topics(terms, weights, lengths, docs.size());
    }

    /** Adds a vector scaled to unit length. */
    private static void add(float[] centroid, SparseVector v) {
        double norm = 0;
        for (int i = 0; i < v.size(); i++) {
            norm += (double) v.weightAt(i) * v.weightAt(i);
        }
        float scale = norm == 0 ? 0f : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.size(); i++) {
            centroid[v.idAt(i)] += v.weightAt(i) * scale;
        }
    }

    private static void normalize(float[] centroid) {
        double norm = 0;
        for (float x : centroid) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < centroid.length; i++) {
                centroid[i] *= scale;
            }
        }
    }

    private static int nearest(float[][] centroids, SparseVector v) {
        int best = 0;
        double bestDot = -1;
        for (int c = 0; c < centroids.length; c++) {
            double dot = dot(centroids[c], v);
            if (dot > bestDot) {
                bestDot = dot;
                best = c;
            }
        }
        return best;
    }

    private static double dot(float[] centroid, SparseVector v) {
        double dot = 0;
        for (int i = 0; i < v.size(); i++) {
            dot += centroid[v.idAt(i)] * v.weightAt(i);
        }
        return dot;
    }

    int count() {
        return terms.length;
    }

    int fitted() {
        return fitted;
    }

    /** A topic drawn in proportion to its members. */
    int pick(SplittableRandom random) {
        return bySize.next(random);
    }

    int memberLength(int topic, SplittableRandom random) {
        return lengths[topic][random.nextInt(lengths[topic].length)];
    }

    int postings(int topic) {
        return terms[topic].length;
    }

    int term(int topic, int posting) {
        return terms[topic][posting];
    }

    float weight(int topic, int posting) {
        return weights[topic][posting];
    }

    /** Members of each topic, for tests. */
    int[] sizes() {
        int[] sizes = new int[lengths.length];
        for (int t = 0; t < sizes.length; t++) {
            sizes[t] = lengths[t].length;
        }
        return sizes;
    }
}
