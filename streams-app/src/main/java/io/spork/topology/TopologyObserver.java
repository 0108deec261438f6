package io.spork.topology;

/** Hooks for metrics: what the topology did. Implementations must be fast and thread-safe. */
public interface TopologyObserver {
    TopologyObserver NONE = new TopologyObserver() {
    };

    /** One observer that tells each of the given ones, in order. */
    static TopologyObserver all(TopologyObserver... observers) {
        java.util.List<TopologyObserver> list = java.util.List.of(observers);
        return new TopologyObserver() {
            @Override
            public void indexed(String id, long eventTimeMs) {
                list.forEach(o -> o.indexed(id, eventTimeMs));
            }

            @Override
            public void deleted(String id) {
                list.forEach(o -> o.deleted(id));
            }

            @Override
            public void encoded(int batchSize, long nanos) {
                list.forEach(o -> o.encoded(batchSize, nanos));
            }

            @Override
            public void skippedUnchanged(String id) {
                list.forEach(o -> o.skippedUnchanged(id));
            }

            @Override
            public void deadLettered(String stage, String reason) {
                list.forEach(o -> o.deadLettered(stage, reason));
            }
        };
    }

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
