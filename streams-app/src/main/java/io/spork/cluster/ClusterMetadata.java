package io.spork.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What this instance knows of the group that shares the index (as Confluent's kafka-streams-examples
 * MetadataService does): the instances, which partitions each serves as active, and where a
 * document lives. Each partition is answered by the one instance the group's assignment names.
 */
public interface ClusterMetadata {
    /** This instance, as the others reach it. */
    InstanceAddress self();

    /** The other instances and the partitions each serves as active. */
    Map<InstanceAddress, Set<Integer>> peers();

    /** The partitions the group's assignment gives this instance's active tasks. */
    Set<Integer> activePartitions();

    /** Whether a partition's index is restored and served by this instance now. */
    boolean serves(int partition);

    /** The instance whose active task holds a document, if the assignment is known. */
    Optional<InstanceAddress> ownerOf(String id);

    /** The partition a document belongs to; -1 while unknown. */
    int partitionOf(String id);

    /** How many partitions the index has in all. */
    int partitionCount();

    /** Whether a document lives on this instance. */
    default boolean isLocal(String id) {
        return ownerOf(id).map(self()::equals).orElse(false);
    }
}
