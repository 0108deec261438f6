package io.spork.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import io.spork.schema.SparseVector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Inference-free query encoding (as in OpenSearch's neural sparse "doc-only" mode): the query is
 * only tokenized, and each distinct token gets a fixed weight, from the model directory's
 * {@code query_token_weights.json} ({"token": weight}, e.g. IDF weights shipped with the model)
 * or 1.0 when the model has none. No model run per query: the cost is the tokenizer's.
 */
public final class InferenceFreeQueryEncoder {
    public static final String WEIGHTS_FILE = "query_token_weights.json";
    private static final float DEFAULT_WEIGHT = 1.0f;

    private final SpladeEncoder tokenizerSource;
    private final float[] weights;

    private InferenceFreeQueryEncoder(SpladeEncoder tokenizerSource, float[] weights) {
        this.tokenizerSource = tokenizerSource;
        this.weights = weights;
    }

    public static InferenceFreeQueryEncoder of(SpladeEncoder encoder) {
        Path file = encoder.model().dir().resolve(WEIGHTS_FILE);
        float[] weights = null;
        if (Files.isRegularFile(file)) {
            weights = new float[encoder.model().vocabSize()];
            try {
                JsonNode json = JsonSerde.MAPPER.readTree(file.toFile());
                for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    int id = encoder.vocabulary().id(e.getKey()).orElse(-1);
                    if (id >= 0) {
                        weights[id] = e.getValue().floatValue();
                    }
                }
            } catch (IOException e) {
                throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new InferenceFreeQueryEncoder(encoder, weights);
    }

    public SparseVector encode(String text) {
        TreeMap<Integer, Float> terms = new TreeMap<>();
        for (long token : tokenizerSource.tokenIds(text)) {
            int id = (int) token;
            float w = weights == null ? DEFAULT_WEIGHT : weights[id];
            if (w > 0f) {
                terms.put(id, w);
            }
        }
        return SparseVector.fromSorted(terms);
    }
}
