package io.spork.api;

import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventCodec;
import io.spork.search.RequestException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Produces document events to the documents topic, keyed by document id, and returns only once
 * the broker has acknowledged them from all in-sync replicas (acks=all).
 */
public final class DocumentPublisher implements AutoCloseable {
    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final Producer<String, byte[]> producer;
    private final String topic;

    public DocumentPublisher(KafkaSettings kafka, TopicSettings topics) {
        this.producer = new KafkaProducer<>(kafka.documentProducer());
        this.topic = topics.documents();
    }

    public void publish(DocumentEvent event) {
        byte[] value = DocumentEventCodec.write(event);
        try {
            producer.send(new ProducerRecord<>(topic, event.id(), value)).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw RequestException.unavailable("Kafka did not accept the document: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw RequestException.unavailable("Kafka did not acknowledge the document within " + ACK_TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RequestException.unavailable("interrupted while waiting for Kafka");
        }
    }

    /** Partition count of a topic, from the producer's cluster metadata. */
    public int partitionCount(String topicName) {
        return producer.partitionsFor(topicName).size();
    }

    @Override
    public void close() {
        producer.close();
    }
}
