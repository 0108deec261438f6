package io.spork.topology;

import io.spork.schema.DocumentEvent;
import io.spork.schema.DocumentEventCodec;
import io.spork.schema.ParseResult;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * First stage: reads raw document events. A valid one goes on to encoding keyed by its id; a bad
 * one goes to the dead-letter topic with its original bytes and the reason, and the stream goes on.
 */
final class ValidateProcessor implements Processor<byte[], byte[], Object, Object> {
    static final String STAGE = "validate";

    private final DocumentEventCodec events;
    private final TopologyObserver observer;
    private ProcessorContext<Object, Object> context;

    ValidateProcessor(DocumentEventCodec events, TopologyObserver observer) {
        this.events = events;
        this.observer = observer;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        ParseResult<DocumentEvent> parsed = events.read(record.key(), record.value());
        if (parsed instanceof ParseResult.Valid<DocumentEvent> valid) {
            DocumentEvent event = valid.value();
            context.forward(new Record<Object, Object>(event.id(), event, record.timestamp(), record.headers()), SporkTopology.ENCODE);
        } else {
            String reason = ((ParseResult.Invalid<DocumentEvent>) parsed).reason();
            observer.deadLettered(STAGE, reason);
            context.forward(new Record<Object, Object>(record.key(), record.value(), record.timestamp(),
                    DeadLetters.headers(record.headers(), STAGE, reason, context.recordMetadata().orElse(null))), SporkTopology.ENCODE_DLQ_SINK);
        }
    }
}
