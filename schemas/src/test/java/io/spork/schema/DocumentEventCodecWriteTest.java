package io.spork.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The writing half of the document-event codec, and that what it writes reads back the same. */
class DocumentEventCodecWriteTest {
    private final DocumentEventCodec codec = new DocumentEventCodec(1 << 20);

    private DocumentEvent roundTrip(DocumentEvent event) {
        ParseResult<DocumentEvent> read = codec.read(event.id().getBytes(StandardCharsets.UTF_8), DocumentEventCodec.write(event));
        return assertInstanceOf(ParseResult.Valid.class, read, read.toString()).value() instanceof DocumentEvent e ? e : null;
    }

    static Stream<DocumentEvent> events() {
        return Stream.of(
                DocumentEvent.upsert("a", "Title", "Body text", Map.of("year", "2021", "lang", "en", "empty", "")),
                DocumentEvent.upsert("b", null, "text only", Map.of()),
                DocumentEvent.upsert("c", "title only", null, Map.of()),
                DocumentEvent.upsert("d", "t", "x", Map.of()).withVersion(0L),
                DocumentEvent.upsert("e", "t", "x", Map.of("k", "v")).withVersion(Long.MAX_VALUE),
                DocumentEvent.delete("f"),
                DocumentEvent.delete("g").withVersion(42L),
                DocumentEvent.upsert("quote\"back\\slash", "tab\there\nnewline\r\u0000nul\u001f",
                        "ünïcödé, 中文, emoji \uD83D\uDE00, </script> & \u2028", Map.of("ke\"y", "va\\lue\n")));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventReadsBackEqual(DocumentEvent event) {
        assertEquals(event, roundTrip(event));
    }

    /** The API wrote events through a map of id, op, version, title, text, fields: the same bytes come out. */
    @ParameterizedTest
    @MethodSource("events")
    void theBytesAreThoseTheApiAlwaysWrote(DocumentEvent event) throws Exception {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("op", event.op().wireName());
        if (event.version() != null) {
            json.put("version", event.version());
        }
        if (!event.isDelete()) {
            json.put("title", event.title());
            json.put("text", event.text());
            json.put("fields", new java.util.TreeMap<>(event.fields()));
        }
        assertArrayEquals(JsonSerde.MAPPER.writeValueAsBytes(json), DocumentEventCodec.write(event));
    }

    @Test
    void theWireFormIsExact() {
        assertEquals("{\"id\":\"a\",\"op\":\"upsert\",\"version\":3,\"title\":null,\"text\":\"x\",\"fields\":{\"a\":\"1\",\"b\":\"2\"}}",
                new String(DocumentEventCodec.write(DocumentEvent.upsert("a", null, "x", Map.of("b", "2", "a", "1")).withVersion(3L)),
                        StandardCharsets.UTF_8));
        assertEquals("{\"id\":\"d\",\"op\":\"delete\"}", new String(DocumentEventCodec.write(DocumentEvent.delete("d")), StandardCharsets.UTF_8));
        assertEquals("{\"id\":\"q\",\"op\":\"upsert\",\"title\":\"say \\\"hi\\\"\",\"text\":\"a\\\\b\\nc\\u0001\",\"fields\":{}}",
                new String(DocumentEventCodec.write(DocumentEvent.upsert("q", "say \"hi\"", "a\\b\nc\u0001", Map.of())), StandardCharsets.UTF_8));
    }

    /** Shapes other producers put on topics: bench and eval wrote maps without op, in either order. */
    @Test
    void olderShapesStillRead() {
        DocumentEvent expected = DocumentEvent.upsert("x", null, "body", Map.of());
        for (String old : new String[] {"{\"id\":\"x\",\"text\":\"body\"}", "{\"text\":\"body\",\"id\":\"x\"}",
                "{\"id\":\"x\",\"title\":null,\"text\":\"body\",\"fields\":null}",
                "{\"id\":\"x\",\"text\":\"body\",\"fields\":{\"dropped\":null},\"unknown\":{\"nested\":[1,2]},\"op\":null}"}) {
            ParseResult<DocumentEvent> read = codec.read(null, old.getBytes(StandardCharsets.UTF_8));
            assertEquals(expected, ((ParseResult.Valid<DocumentEvent>) assertInstanceOf(ParseResult.Valid.class, read)).value(), old);
        }
        ParseResult<DocumentEvent> withTitle = codec.read(null, "{\"id\":\"y\",\"title\":\"T\",\"text\":\"\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(DocumentEvent.upsert("y", "T", "", Map.of()), ((ParseResult.Valid<DocumentEvent>) withTitle).value());
    }
}
