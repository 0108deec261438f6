package io.spork.eval;

import io.spork.config.SporkConfig;
import io.spork.kafka.KafkaSettings;
import io.spork.kafka.TopicSettings;
import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventCodec;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a corpus to Spork's documents topic, as any producing application would: key = document
 * id, value = the document event of {@link DocumentEventCodec} (Spork's encoder joins title and text itself).
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
        String topic = TopicSettings.from(config).documents();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(KafkaSettings.from(config).documentProducer())) {
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
        return DocumentEventCodec.write(DocumentEvent.upsert(doc.id(), doc.title(), doc.text(), Map.of()));
    }
}
