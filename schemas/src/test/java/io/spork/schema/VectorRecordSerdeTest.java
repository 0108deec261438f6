package io.spork.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorRecordSerdeTest {
    private static final VectorRecord RECORD = new VectorRecord("doc-é1", "A \"title\"", "Some text,\n ünïcode \uD83D\uDE00",
            Map.of("lang", "en", "b", ""), "abc123", 1_700_000_000_123L, new SparseVector(new int[] {3, 17, 30_521}, new float[] {0.5f, 1.25f, 3e-7f}));

    @Test
    void aRecordReadsBackEqualThroughTheStaticFormsAndTheSerde() {
        assertEquals(RECORD, VectorRecordSerde.read(VectorRecordSerde.write(RECORD)));
        byte[] bytes = VectorRecordSerde.INSTANCE.serializer().serialize("vectors", RECORD);
        assertEquals(RECORD, VectorRecordSerde.INSTANCE.deserializer().deserialize("vectors", bytes));
        assertNull(VectorRecordSerde.INSTANCE.serializer().serialize("vectors", null));
        assertNull(VectorRecordSerde.INSTANCE.deserializer().deserialize("vectors", null));
    }

    @Test
    void theBytesAreThoseOnTheTopicToday() {
        VectorRecord r = new VectorRecord("d", null, "t", Map.of("k", "v"), "h", 5, new SparseVector(new int[] {1, 4}, new float[] {0.5f, 2f}));
        assertEquals("{\"id\":\"d\",\"title\":null,\"text\":\"t\",\"fields\":{\"k\":\"v\"},\"contentHash\":\"h\",\"eventTimeMs\":5,"
                + "\"vector\":{\"ids\":[1,4],\"weights\":[0.5,2.0]}}", new String(VectorRecordSerde.write(r), StandardCharsets.UTF_8));
        assertArrayEquals(new JsonSerde<>(VectorRecord.class).serializer().serialize("vectors", RECORD), VectorRecordSerde.write(RECORD));
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingOptionalOnesAreEmpty() {
        VectorRecord r = VectorRecordSerde.read(("{\"id\":\"x\",\"vector\":{\"ids\":[2],\"weights\":[1.0],\"norm\":1},\"future\":[1,{\"a\":2}]}")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(new VectorRecord("x", null, null, Map.of(), null, 0, new SparseVector(new int[] {2}, new float[] {1f})), r);
        VectorRecord nulls = VectorRecordSerde.read("{\"id\":\"x\",\"title\":null,\"fields\":null,\"vector\":{\"ids\":[],\"weights\":[]}}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of(), nulls.fields());
        assertEquals(SparseVector.empty(), nulls.vector());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not json|{\"id\":|unreadable vector record",
            "no vector|{\"id\":\"x\"}|vector record x has no vector",
            "blank id|{\"id\":\" \",\"vector\":{\"ids\":[],\"weights\":[]}}|a vector record needs a non-blank id",
            "unsorted ids|{\"id\":\"x\",\"vector\":{\"ids\":[5,2],\"weights\":[1,1]}}|ascending",
            "zero weight|{\"id\":\"x\",\"vector\":{\"ids\":[1],\"weights\":[0]}}|must be finite and > 0",
            "lengths differ|{\"id\":\"x\",\"vector\":{\"ids\":[1,2],\"weights\":[1]}}|2 ids but 1 weights",
            "json null|null|must be a JSON object"})
    void aBadRecordIsRefusedWithTheReason(String name, String json, String reason) {
        SerializationException e = assertThrows(SerializationException.class, () -> VectorRecordSerde.read(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
