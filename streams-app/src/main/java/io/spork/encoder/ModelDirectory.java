package io.spork.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Spork model directory as {@code tools/export-model} writes it: {@code model.onnx} (pooled
 * SPLADE output [batch, vocab]), optionally {@code model.int8.onnx}, {@code tokenizer.json} and
 * {@code spork-model.json} (name, vocabulary size, max length, pooling, licence, source).
 */
public final class ModelDirectory {
    public static final String METADATA_FILE = "spork-model.json";
    public static final String MODEL_FILE = "model.onnx";
    public static final String INT8_MODEL_FILE = "model.int8.onnx";
    public static final String TOKENIZER_FILE = "tokenizer.json";
    private static final String DEFAULT_OUTPUT = "splade";

    private final Path dir;
    private final String name;
    private final int vocabSize;
    private final int maxLength;
    private final String outputName;
    private final String pooling;

    private ModelDirectory(Path dir, String name, int vocabSize, int maxLength, String outputName, String pooling) {
        this.dir = dir;
        this.name = name;
        this.vocabSize = vocabSize;
        this.maxLength = maxLength;
        this.outputName = outputName;
        this.pooling = pooling;
    }

    /** Opens and checks a model directory; the message of any failure says what is missing. */
    public static ModelDirectory open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelException("model directory " + dir.toAbsolutePath() + " does not exist"
                    + " (set encoder.model-dir; tools/export-model makes one from a Hugging Face checkpoint)");
        }
        for (String file : new String[] {METADATA_FILE, MODEL_FILE, TOKENIZER_FILE}) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new ModelException("model directory " + dir.toAbsolutePath() + " has no " + file);
            }
        }
        JsonNode meta;
        try {
            meta = JsonSerde.MAPPER.readTree(dir.resolve(METADATA_FILE).toFile());
        } catch (IOException e) {
            throw new ModelException("cannot read " + dir.resolve(METADATA_FILE) + ": " + e.getMessage());
        }
        int vocab = meta.path("vocab_size").asInt(0);
        int maxLength = meta.path("max_length").asInt(0);
        if (vocab <= 0 || maxLength <= 0) {
            throw new ModelException(dir.resolve(METADATA_FILE) + " must give vocab_size and max_length > 0");
        }
        String pooling = meta.path("pooling").asText("max");
        if (!pooling.equals("max")) {
            throw new ModelException("model " + dir + " pools with '" + pooling + "'; Spork's encoder expects SPLADE max pooling inside the graph");
        }
        return new ModelDirectory(dir, meta.path("name").asText(dir.getFileName().toString()), vocab, maxLength,
                meta.path("output").asText(DEFAULT_OUTPUT), pooling);
    }

    public Path dir() {
        return dir;
    }

    public String name() {
        return name;
    }

    public int vocabSize() {
        return vocabSize;
    }

    public int maxLength() {
        return maxLength;
    }

    public String outputName() {
        return outputName;
    }

    public String pooling() {
        return pooling;
    }

    public Path tokenizerFile() {
        return dir.resolve(TOKENIZER_FILE);
    }

    /** The ONNX file to load: the int8 variant when asked for and present. */
    public Path modelFile(boolean quantized) {
        if (quantized) {
            Path int8 = dir.resolve(INT8_MODEL_FILE);
            if (!Files.isRegularFile(int8)) {
                throw new ModelException("encoder.quantized=true but " + dir + " has no " + INT8_MODEL_FILE
                        + " (export it with tools/export-model --int8)");
            }
            return int8;
        }
        return dir.resolve(MODEL_FILE);
    }
}
