package io.spork.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The wire format of the documents topic ({@code schemas/document-event.schema.json}), both ways:
 * {@link #write} gives the JSON every Spork producer sends, {@link #read} turns the raw bytes of a
 * record back into a {@link DocumentEvent} or says exactly why it cannot. Reading never throws on
 * bad input: a bad event is routed to the dead-letter topic with the reason, and the stream goes on.
 */
public final class DocumentEventCodec {
    /** Deeper JSON than this is refused: stored fields are flat, and deep nesting is an attack. */
    public static final int MAX_NESTING_DEPTH = 16;
    public static final int MAX_ID_LENGTH = 512;

    private static final JsonFactory WRITER = new JsonFactory();

    private final ObjectMapper mapper;
    private final long maxTextBytes;

    /** @param maxTextBytes an upsert whose title and text hold more UTF-8 bytes than this is refused */
    public DocumentEventCodec(long maxTextBytes) {
        this.maxTextBytes = maxTextBytes;
        this.mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    /**
     * The event as the documents topic carries it: id, op, version when set, and for an upsert
     * title and text (null when absent) and the stored fields by name. The bytes are those the API
     * has always produced, so old and new records read alike.
     */
    public static byte[] write(DocumentEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + utf8Estimate(event));
        try (JsonGenerator json = WRITER.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", event.id());
            json.writeStringField("op", event.op().wireName());
            if (event.version() != null) {
                json.writeNumberField("version", event.version());
            }
            if (!event.isDelete()) {
                json.writeStringField("title", event.title());
                json.writeStringField("text", event.text());
                json.writeObjectFieldStart("fields");
                // Sorted, so one event always gives the same bytes.
                for (Map.Entry<String, String> field : new TreeMap<>(event.fields()).entrySet()) {
                    json.writeStringField(field.getKey(), field.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write document event " + event.id(), e);
        }
        return out.toByteArray();
    }

    private static int utf8Estimate(DocumentEvent event) {
        return (event.title() == null ? 0 : event.title().length()) + (event.text() == null ? 0 : event.text().length());
    }

    /**
     * @param key   record key (the document id), may be null
     * @param value record value; null is a tombstone and deletes the document named by the key
     */
    public ParseResult<DocumentEvent> read(byte[] key, byte[] value) {
        String keyId;
        try {
            keyId = key == null ? null : decodeUtf8(key);
        } catch (CharacterCodingException e) {
            return ParseResult.invalid("record key is not valid UTF-8");
        }
        if (value == null) {
            if (keyId == null || keyId.isBlank()) {
                return ParseResult.invalid("tombstone (null value) without a key: no document to delete");
            }
            return ParseResult.valid(DocumentEvent.delete(keyId));
        }
        String json;
        try {
            json = decodeUtf8(value);
        } catch (CharacterCodingException e) {
            return ParseResult.invalid("value is not valid UTF-8");
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return ParseResult.invalid("value is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return ParseResult.invalid("value must be a JSON object, got " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase()));
        }
        return readEvent(root, keyId);
    }

    private ParseResult<DocumentEvent> readEvent(JsonNode root, String keyId) {
        JsonNode idNode = root.get("id");
        String id;
        if (idNode == null || idNode.isNull()) {
            if (keyId == null || keyId.isBlank()) {
                return ParseResult.invalid("field 'id' is missing and the record has no key");
            }
            id = keyId;
        } else if (!idNode.isTextual()) {
            return ParseResult.invalid("field 'id' must be a string, got " + kind(idNode));
        } else {
            id = idNode.textValue();
        }
        if (id.isBlank()) {
            return ParseResult.invalid("field 'id' must not be blank");
        }
        int idChars = id.codePointCount(0, id.length());
        if (idChars > MAX_ID_LENGTH) {
            return ParseResult.invalid("field 'id' is " + idChars + " characters; at most " + MAX_ID_LENGTH);
        }
        if (keyId != null && !keyId.equals(id)) {
            return ParseResult.invalid("record key '" + abbreviate(keyId) + "' differs from field 'id' '" + abbreviate(id) + "'");
        }
        DocumentEvent.Op op = DocumentEvent.Op.UPSERT;
        JsonNode opNode = root.get("op");
        if (opNode != null && !opNode.isNull()) {
            if (!opNode.isTextual()) {
                return ParseResult.invalid("field 'op' must be \"upsert\" or \"delete\", got " + kind(opNode));
            }
            switch (opNode.textValue()) {
                case "upsert" -> op = DocumentEvent.Op.UPSERT;
                case "delete" -> op = DocumentEvent.Op.DELETE;
                default -> {
                    return ParseResult.invalid("field 'op' must be \"upsert\" or \"delete\", got \"" + abbreviate(opNode.textValue()) + "\"");
                }
            }
        }
        Long version = null;
        JsonNode versionNode = root.get("version");
        if (versionNode != null && !versionNode.isNull()) {
            if (!versionNode.canConvertToExactIntegral() || !versionNode.canConvertToLong() || versionNode.longValue() < 0) {
                return ParseResult.invalid("field 'version' must be a whole number >= 0, got " + abbreviate(versionNode.toString()));
            }
            version = versionNode.longValue();
        }
        if (op == DocumentEvent.Op.DELETE) {
            return ParseResult.valid(DocumentEvent.delete(id).withVersion(version));
        }
        ParseResult<String> title = optionalString(root, "title");
        if (title instanceof ParseResult.Invalid<String> bad) {
            return ParseResult.invalid(bad.reason());
        }
        ParseResult<String> text = optionalString(root, "text");
        if (text instanceof ParseResult.Invalid<String> bad) {
            return ParseResult.invalid(bad.reason());
        }
        String titleValue = ((ParseResult.Valid<String>) title).value();
        String textValue = ((ParseResult.Valid<String>) text).value();
        long textBytes = utf8Length(titleValue) + utf8Length(textValue);
        if (textBytes > maxTextBytes) {
            return ParseResult.invalid("title and text are " + textBytes + " bytes; the limit is " + maxTextBytes
                    + " (validation.max-text-bytes)");
        }
        if ((titleValue == null || titleValue.isBlank()) && (textValue == null || textValue.isBlank())) {
            return ParseResult.invalid("an upsert needs a non-blank 'title' or 'text'");
        }
        ParseResult<Map<String, String>> fields = readFields(root.get("fields"));
        if (fields instanceof ParseResult.Invalid<Map<String, String>> bad) {
            return ParseResult.invalid(bad.reason());
        }
        return ParseResult.valid(DocumentEvent.upsert(id, titleValue, textValue, ((ParseResult.Valid<Map<String, String>>) fields).value())
                .withVersion(version));
    }

    private static ParseResult<String> optionalString(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return ParseResult.valid(null);
        }
        if (!node.isTextual()) {
            return ParseResult.invalid("field '" + name + "' must be a string, got " + kind(node));
        }
        return ParseResult.valid(node.textValue());
    }

    private static ParseResult<Map<String, String>> readFields(JsonNode node) {
        if (node == null || node.isNull()) {
            return ParseResult.valid(Map.of());
        }
        if (!node.isObject()) {
            return ParseResult.invalid("field 'fields' must be an object of scalar values, got " + kind(node));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode v = field.getValue();
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                return ParseResult.invalid("stored field '" + abbreviate(field.getKey()) + "' must be a string, number or boolean, got " + kind(v));
            }
            fields.put(field.getKey(), v.asText());
        }
        return ParseResult.valid(fields);
    }

    private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static long utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
