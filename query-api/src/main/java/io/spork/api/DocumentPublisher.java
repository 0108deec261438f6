package io.spork.api;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.kafka.KafkaSettings;
import io.spork.schema.DocumentEvent;
import io.spork.schema.JsonSerde;
import io.spork.search.RequestException;
import java.util.LinkedHashMap;
import java.util.Map;
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

    public DocumentPublisher(SporkConfig config) {
        this.producer = new KafkaProducer<>(KafkaSettings.documentProducer(config));
        this.topic = config.get(ConfigKeys.TOPICS_DOCUMENTS);
    }

    public void publish(DocumentEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("op", event.op().wireName());
        if (event.version() != null) {
            json.put("version", event.version());
        }
        if (!event.isDelete()) {
            json.put("title", event.title());
            json.put("text", event.text());
            json.put("fields", event.fields());
        }
        byte[] value;
        try {
            value = JsonSerde.MAPPER.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write document event " + event.id(), e);
        }
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
