package io.spork.schema;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * A SPLADE vector: vocabulary ids in ascending order with their positive weights.
 *
 * <p>Instances are immutable; the constructor checks the invariants so a malformed vector is
 * refused where it is made, not where it is scored.
 */
public final class SparseVector {
    private static final SparseVector EMPTY = new SparseVector(new int[0], new float[0]);

    private final int[] ids;
    private final float[] weights;

    @JsonCreator
    public SparseVector(@JsonProperty("ids") int[] ids, @JsonProperty("weights") float[] weights) {
        if (ids == null || weights == null) {
            throw new IllegalArgumentException("a sparse vector needs both ids and weights");
        }
        if (ids.length != weights.length) {
            throw new IllegalArgumentException(
                    "a sparse vector has " + ids.length + " ids but " + weights.length + " weights");
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || (i > 0 && ids[i] <= ids[i - 1])) {
                throw new IllegalArgumentException("sparse vector ids must be ascending and non-negative at position " + i);
            }
            if (!(weights[i] > 0f) || Float.isInfinite(weights[i])) {
                throw new IllegalArgumentException("sparse vector weights must be finite and > 0, got " + weights[i] + " for id " + ids[i]);
            }
        }
        this.ids = ids.clone();
        this.weights = weights.clone();
    }

    public static SparseVector empty() {
        return EMPTY;
    }

    /** Builds a vector from term id to weight, ids ascending as the map sorts them. */
    public static SparseVector fromSorted(java.util.SortedMap<Integer, Float> weights) {
        int[] ids = new int[weights.size()];
        float[] ws = new float[weights.size()];
        int i = 0;
        for (java.util.Map.Entry<Integer, Float> e : weights.entrySet()) {
            ids[i] = e.getKey();
            ws[i++] = e.getValue();
        }
        return new SparseVector(ids, ws);
    }

    /** Builds a vector from a dense array, keeping the strictly positive entries. */
    public static SparseVector fromDense(float[] dense) {
        int n = 0;
        for (float w : dense) {
            if (w > 0f) {
                n++;
            }
        }
        int[] ids = new int[n];
        float[] weights = new float[n];
        int j = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] > 0f) {
                ids[j] = i;
                weights[j++] = dense[i];
            }
        }
        return new SparseVector(ids, weights);
    }

    @JsonProperty("ids")
    public int[] ids() {
        return ids.clone();
    }

    @JsonProperty("weights")
    public float[] weights() {
        return weights.clone();
    }

    public int size() {
        return ids.length;
    }

    public int idAt(int i) {
        return ids[i];
    }

    public float weightAt(int i) {
        return weights[i];
    }

    /** Weight of a vocabulary id, 0 when absent. */
    public float weightOf(int id) {
        int at = Arrays.binarySearch(ids, id);
        return at >= 0 ? weights[at] : 0f;
    }

    /** Dot product by merging the two sorted id lists. */
    public double dot(SparseVector other) {
        double sum = 0;
        int i = 0;
        int j = 0;
        while (i < ids.length && j < other.ids.length) {
            if (ids[i] == other.ids[j]) {
                sum += (double) weights[i++] * other.weights[j++];
            } else if (ids[i] < other.ids[j]) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector v && Arrays.equals(ids, v.ids) && Arrays.equals(weights, v.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "SparseVector{" + ids.length + " terms}";
    }
}
