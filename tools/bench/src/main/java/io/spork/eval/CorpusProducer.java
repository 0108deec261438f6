package io.spork.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.kafka.KafkaSettings;
import io.spork.schema.JsonSerde;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a corpus to Spork's documents topic, as any producing application would: key = document
 * id, value = {"id", "title", "text"} (Spork's encoder joins title and text itself).
 */
final class CorpusProducer {
    private CorpusProducer() {
    }

    /**
     * Sends every document and waits until the broker has acknowledged them all.
     *
     * @param config a configuration whose kafka.bootstrap.servers points at the broker
     */
    static void produce(SporkConfig config, List<BeirDocument> documents) {
        String topic = config.get(ConfigKeys.TOPICS_DOCUMENTS);
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaSettings.documentProducer(config))) {
            for (BeirDocument doc : documents) {
                producer.send(new ProducerRecord<>(topic, doc.id(), eventJson(doc)), (metadata, e) -> {
                    if (e != null) {
                        firstFailure.compareAndSet(null, e);
                    }
                });
            }
            producer.flush();
        }
        if (firstFailure.get() != null) {
            throw new EvalException("producing the corpus to topic " + topic + " failed: " + firstFailure.get().getMessage(),
                    firstFailure.get());
        }
    }

    static byte[] eventJson(BeirDocument doc) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("id", doc.id());
        event.put("title", doc.title());
        event.put("text", doc.text());
        try {
            return JsonSerde.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write document " + doc.id() + " as JSON", e);
        }
    }
}
