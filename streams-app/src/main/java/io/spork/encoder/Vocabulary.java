package io.spork.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;

/** The model's vocabulary, read from tokenizer.json: term id to token string and back. */
public final class Vocabulary {
    private final String[] tokens;
    private final Map<String, Integer> ids;

    private Vocabulary(String[] tokens, Map<String, Integer> ids) {
        this.tokens = tokens;
        this.ids = ids;
    }

    public static Vocabulary read(Path tokenizerJson, int vocabSize) {
        JsonNode vocab;
        try {
            vocab = JsonSerde.MAPPER.readTree(tokenizerJson.toFile()).path("model").path("vocab");
        } catch (IOException e) {
            throw new ModelException("cannot read " + tokenizerJson + ": " + e.getMessage(), e);
        }
        if (!vocab.isObject()) {
            throw new ModelException(tokenizerJson + " has no model.vocab object (a WordPiece tokenizer is expected)");
        }
        String[] tokens = new String[vocabSize];
        Map<String, Integer> ids = new HashMap<>(vocabSize * 2);
        for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = e.getValue().asInt(-1);
            if (id >= 0 && id < vocabSize) {
                tokens[id] = e.getKey();
                ids.put(e.getKey(), id);
            }
        }
        return new Vocabulary(tokens, ids);
    }

    public int size() {
        return tokens.length;
    }

    /** The token of an id, or "[id]" for an id the tokenizer does not name. */
    public String token(int id) {
        String t = id >= 0 && id < tokens.length ? tokens[id] : null;
        return t == null ? "[" + id + "]" : t;
    }

    public OptionalInt id(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
