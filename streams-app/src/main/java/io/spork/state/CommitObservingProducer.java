package io.spork.state;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.metrics.KafkaMetric;

/**
 * A stream thread's producer that notes the last offset it wrote to each changelog partition in
 * the open transaction and, once {@link #commitTransaction} has returned (the records are
 * committed), hands those offsets to {@link TransactionCommits}: the signal on which the
 * {@link CommittedKeyValueStore}s make their buffered writes durable. Everything else is passed
 * through unchanged.
 */
final class CommitObservingProducer implements Producer<byte[], byte[]> {
    private static final String CHANGELOG = "-changelog";

    private final Producer<byte[], byte[]> producer;
    private final TransactionCommits commits;
    /** Written by the producer's I/O thread (acknowledgements), read by the stream thread at commit. */
    private final Map<TopicPartition, Long> written = new ConcurrentHashMap<>();

    CommitObservingProducer(Producer<byte[], byte[]> producer, TransactionCommits commits) {
        this.producer = producer;
        this.commits = commits;
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        if (!record.topic().endsWith(CHANGELOG)) {
            return producer.send(record, callback);
        }
        return producer.send(record, (metadata, error) -> {
            if (error == null && metadata.hasOffset()) {
                written.merge(new TopicPartition(metadata.topic(), metadata.partition()), metadata.offset(), Math::max);
            }
            if (callback != null) {
                callback.onCompletion(metadata, error);
            }
        });
    }

    @Override
    public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public void commitTransaction() throws ProducerFencedException {
        producer.commitTransaction();
        // Every send of the transaction was acknowledged before its commit completed.
        Map<TopicPartition, Long> committed = new HashMap<>(written);
        written.keySet().removeAll(committed.keySet());
        commits.committed(committed);
    }

    @Override
    public void abortTransaction() throws ProducerFencedException {
        written.clear();
        producer.abortTransaction();
    }

    @Override
    public void initTransactions() {
        producer.initTransactions();
    }

    @Override
    public void beginTransaction() throws ProducerFencedException {
        producer.beginTransaction();
    }

    @Override
    public void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata groupMetadata) {
        producer.sendOffsetsToTransaction(offsets, groupMetadata);
    }

    @Override
    public void registerMetricForSubscription(KafkaMetric metric) {
        producer.registerMetricForSubscription(metric);
    }

    @Override
    public void unregisterMetricFromSubscription(KafkaMetric metric) {
        producer.unregisterMetricFromSubscription(metric);
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return producer.partitionsFor(topic);
    }

    @Override
    public Map<MetricName, ? extends Metric> metrics() {
        return producer.metrics();
    }

    @Override
    public Uuid clientInstanceId(Duration timeout) {
        return producer.clientInstanceId(timeout);
    }

    @Override
    public void close() {
        producer.close();
    }

    @Override
    public void close(Duration timeout) {
        producer.close(timeout);
    }
}
