package io.spork.topology;

import io.spork.cluster.ClusterMetadata;
import io.spork.cluster.InstanceAddress;
import io.spork.index.DocumentStore;
import io.spork.topology.LocalIndexes;
import io.spork.index.PostingStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntSupplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/** The group's metadata as the index stage's Kafka Streams instance knows it (application.server of each member). */
public final class StreamsMetadataService implements ClusterMetadata {
    private final KafkaStreams streams;
    private final LocalIndexes indexes;
    private final String vectorsTopic;
    private final InstanceAddress self;
    private final IntSupplier partitionCount;

    /** @param partitionCount the vectors topic's partition count, from the cluster's topic metadata */
    StreamsMetadataService(KafkaStreams streams, LocalIndexes indexes, String vectorsTopic, InstanceAddress self, IntSupplier partitionCount) {
        this.streams = streams;
        this.indexes = indexes;
        this.vectorsTopic = vectorsTopic;
        this.self = self;
        this.partitionCount = partitionCount;
    }

    @Override
    public InstanceAddress self() {
        return self;
    }

    @Override
    public Map<InstanceAddress, Set<Integer>> peers() {
        Map<InstanceAddress, Set<Integer>> peers = new HashMap<>();
        for (StreamsMetadata instance : streams.streamsMetadataForStore(PostingStore.NAME)) {
            InstanceAddress address = address(instance.hostInfo());
            if (address.equals(self)) {
                continue;
            }
            Set<Integer> partitions = new TreeSet<>();
            for (TopicPartition tp : instance.topicPartitions()) {
                if (tp.topic().equals(vectorsTopic)) {
                    partitions.add(tp.partition());
                }
            }
            peers.put(address, partitions);
        }
        return peers;
    }

    @Override
    public Set<Integer> activePartitions() {
        Set<Integer> partitions = new TreeSet<>();
        streams.metadataForLocalThreads().forEach(thread -> thread.activeTasks().forEach(task -> task.topicPartitions().stream()
                .filter(tp -> tp.topic().equals(vectorsTopic))
                .forEach(tp -> partitions.add(tp.partition()))));
        return partitions;
    }

    @Override
    public boolean serves(int partition) {
        return indexes.partitions().contains(partition);
    }

    @Override
    public Optional<InstanceAddress> ownerOf(String id) {
        KeyQueryMetadata metadata = keyMetadata(id);
        return metadata == null || metadata.activeHost() == null || metadata.activeHost().port() < 0
                ? Optional.empty() : Optional.of(address(metadata.activeHost()));
    }

    @Override
    public int partitionOf(String id) {
        KeyQueryMetadata metadata = keyMetadata(id);
        return metadata == null ? -1 : metadata.partition();
    }

    @Override
    public int partitionCount() {
        return partitionCount.getAsInt();
    }

    private KeyQueryMetadata keyMetadata(String id) {
        return streams.queryMetadataForKey(DocumentStore.NAME, id, Serdes.String().serializer());
    }

    private static InstanceAddress address(HostInfo host) {
        return new InstanceAddress(host.host(), host.port());
    }
}
