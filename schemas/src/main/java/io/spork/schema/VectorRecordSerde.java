package io.spork.schema;

import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The wire format of the vectors topic ({@code schemas/vector-record.schema.json}): a
 * {@link VectorRecord} as JSON, written by the encode stage and read by the index stage and the
 * stores. Unknown fields are ignored (a newer writer may add some); a record without an id or a
 * vector, or with a malformed vector, is refused with a {@link SerializationException} naming why.
 */
public final class VectorRecordSerde implements Serde<VectorRecord> {
    public static final VectorRecordSerde INSTANCE = new VectorRecordSerde();

    private VectorRecordSerde() {
    }

    public static byte[] write(VectorRecord record) {
        try {
            return JsonSerde.MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new SerializationException("cannot write vector record " + record.id() + ": " + e.getMessage(), e);
        }
    }

    public static VectorRecord read(byte[] bytes) {
        VectorRecord record;
        try {
            record = JsonSerde.MAPPER.readValue(bytes, VectorRecord.class);
        } catch (IOException e) {
            throw new SerializationException(reason(e), e);
        }
        if (record == null) {
            throw new SerializationException("a vector record must be a JSON object, got null");
        }
        return record;
    }

    /** The record's own complaint (blank id, no vector, ...) rather than Jackson's wrapping of it. */
    private static String reason(IOException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getMessage();
        return "unreadable vector record: " + message;
    }

    @Override
    public Serializer<VectorRecord> serializer() {
        return (topic, record) -> record == null ? null : write(record);
    }

    @Override
    public Deserializer<VectorRecord> deserializer() {
        return (topic, bytes) -> bytes == null ? null : read(bytes);
    }
}
