package io.spork.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentEventCodecTest {
    private static final long MAX_TEXT = 1000;
    private final DocumentEventCodec codec = new DocumentEventCodec(MAX_TEXT);

    static Stream<Arguments> badEvents() {
        return Stream.of(
                Arguments.of("not json", "{\"id\": ", "not valid JSON"),
                Arguments.of("array", "[1,2]", "must be a JSON object"),
                Arguments.of("missing id", "{\"text\": \"x\"}", "'id' is missing"),
                Arguments.of("empty id", "{\"id\": \"\", \"text\": \"x\"}", "must not be blank"),
                Arguments.of("numeric id", "{\"id\": 7, \"text\": \"x\"}", "'id' must be a string"),
                Arguments.of("numeric text", "{\"id\": \"a\", \"text\": 5}", "'text' must be a string"),
                Arguments.of("no content", "{\"id\": \"a\", \"text\": \"  \"}", "non-blank 'title' or 'text'"),
                Arguments.of("unknown op", "{\"id\": \"a\", \"op\": \"merge\", \"text\": \"x\"}", "\"upsert\" or \"delete\""),
                Arguments.of("fields not object", "{\"id\": \"a\", \"text\": \"x\", \"fields\": [1]}", "'fields' must be an object"),
                Arguments.of("nested field", "{\"id\": \"a\", \"text\": \"x\", \"fields\": {\"k\": {\"n\": 1}}}", "must be a string, number or boolean"),
                Arguments.of("too deep", "{\"id\": \"a\", \"text\": \"x\", \"fields\": " + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}", "not valid JSON"),
                Arguments.of("too long", "{\"id\": \"a\", \"text\": \"" + "x".repeat((int) MAX_TEXT + 1) + "\"}", "validation.max-text-bytes"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badEvents")
    void refusesBadEventsWithAReason(String name, String json, String reasonFragment) {
        ParseResult<DocumentEvent> result = codec.read(null, json.getBytes(StandardCharsets.UTF_8));
        ParseResult.Invalid<DocumentEvent> invalid = assertInstanceOf(ParseResult.Invalid.class, result);
        assertTrue(invalid.reason().contains(reasonFragment), () -> "reason '" + invalid.reason() + "' lacks '" + reasonFragment + "'");
    }

    @Test
    void refusesNonUtf8Bytes() {
        byte[] bad = {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ParseResult.Invalid<DocumentEvent> invalid = assertInstanceOf(ParseResult.Invalid.class, codec.read(null, bad));
        assertTrue(invalid.reason().contains("UTF-8"));
    }

    @Test
    void refusesKeyThatDiffersFromId() {
        ParseResult<DocumentEvent> result = codec.read(bytes("b"), bytes("{\"id\": \"a\", \"text\": \"x\"}"));
        assertTrue(((ParseResult.Invalid<DocumentEvent>) result).reason().contains("differs"));
    }

    @Test
    void readsAFullUpsertWithScalarFields() {
        ParseResult<DocumentEvent> result = codec.read(bytes("a"),
                bytes("{\"id\": \"a\", \"title\": \"T\", \"text\": \"body\", \"fields\": {\"year\": 2021, \"ok\": true, \"src\": \"x\"}, \"extra\": 1}"));
        DocumentEvent event = assertInstanceOf(ParseResult.Valid.class, result).value() instanceof DocumentEvent e ? e : null;
        assertEquals(DocumentEvent.upsert("a", "T", "body", Map.of("year", "2021", "ok", "true", "src", "x")), event);
        assertEquals("T body", event.encodableText());
    }

    @Test
    void tombstoneAndDeleteOpBothDelete() {
        DocumentEvent tombstone = ((ParseResult.Valid<DocumentEvent>) codec.read(bytes("a"), null)).value();
        DocumentEvent op = ((ParseResult.Valid<DocumentEvent>) codec.read(null, bytes("{\"id\": \"a\", \"op\": \"delete\"}"))).value();
        assertEquals(DocumentEvent.delete("a"), tombstone);
        assertEquals(DocumentEvent.delete("a"), op);
        assertInstanceOf(ParseResult.Invalid.class, codec.read(null, null));
    }

    @Test
    void idFallsBackToTheKey() {
        DocumentEvent e = ((ParseResult.Valid<DocumentEvent>) codec.read(bytes("k1"), bytes("{\"text\": \"x\"}"))).value();
        assertEquals("k1", e.id());
    }

    @Test
    void contentHashSeesEveryStoredPart() {
        DocumentEvent base = DocumentEvent.upsert("a", "t", "x", Map.of("f", "1"));
        assertEquals(base.contentHash(), DocumentEvent.upsert("a", "t", "x", Map.of("f", "1")).contentHash());
        assertNotEquals(base.contentHash(), DocumentEvent.upsert("a", "t", "y", Map.of("f", "1")).contentHash());
        assertNotEquals(base.contentHash(), DocumentEvent.upsert("a", "t", "x", Map.of("f", "2")).contentHash());
        assertNotEquals(DocumentEvent.upsert("a", "ab", "c", Map.of()).contentHash(), DocumentEvent.upsert("a", "a", "bc", Map.of()).contentHash());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
