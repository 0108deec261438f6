package io.spork.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/** Headers a dead-letter record carries: why it was refused and where it came from. */
public final class DeadLetters {
    public static final String ERROR_HEADER = "spork.error";
    public static final String STAGE_HEADER = "spork.stage";
    public static final String SOURCE_TOPIC_HEADER = "spork.source.topic";
    public static final String SOURCE_PARTITION_HEADER = "spork.source.partition";
    public static final String SOURCE_OFFSET_HEADER = "spork.source.offset";

    private DeadLetters() {
    }

    static Headers headers(Headers original, String stage, String reason, RecordMetadata source) {
        Headers headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        headers.remove(ERROR_HEADER);
        headers.add(ERROR_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(STAGE_HEADER, stage.getBytes(StandardCharsets.UTF_8));
        if (source != null) {
            headers.add(SOURCE_TOPIC_HEADER, source.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(SOURCE_PARTITION_HEADER, Integer.toString(source.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(SOURCE_OFFSET_HEADER, Long.toString(source.offset()).getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
