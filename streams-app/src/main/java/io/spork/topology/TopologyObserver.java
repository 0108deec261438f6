package io.spork.topology;

/** Hooks for metrics: what the topology did. Implementations must be fast and thread-safe. */
public interface TopologyObserver {
    TopologyObserver NONE = new TopologyObserver() {
    };

    /** A document became searchable; eventTimeMs is the timestamp of its event. */
    default void indexed(String id, long eventTimeMs) {
    }

    default void deleted(String id) {
    }

    /** The model ran on a batch of this many documents. */
    default void encoded(int batchSize, long nanos) {
    }

    default void skippedUnchanged(String id) {
    }

    default void deadLettered(String stage, String reason) {
    }
}
