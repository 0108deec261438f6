package io.spork.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Document texts for the ingest benchmarks: real abstracts from a BEIR corpus.jsonl when one is
 * given (title + " " + text, as BEIR encodes them), else synthetic ones of a similar length.
 */
final class BenchTexts {
    /** The corpus the text benchmarks read unless --corpus says otherwise (relative to the working directory). */
    static final String DEFAULT_CORPUS_NAME = "../shared/data/scifact/corpus.jsonl";
    static final Path DEFAULT_CORPUS = Path.of(DEFAULT_CORPUS_NAME);
    private static final int SYNTHETIC_WORDS = 200;
    private static final String[] VOCABULARY = ("protein cell virus drug trial patient heart brain memory gene expression "
            + "receptor tumor immune response infection vaccine dose risk cohort study mice human tissue blood pressure "
            + "insulin glucose diabetes cancer therapy signal pathway mutation sequence binding enzyme activity levels "
            + "increase decrease associated with significantly higher lower effect treatment outcome clinical analysis "
            + "the of and in to a was were is for with that by as on these this from at are which").split(" ");

    private BenchTexts() {
    }

    /** n texts, cycling through the corpus when it has fewer. */
    static List<String> load(Path corpus, int n, long seed) {
        List<String> texts = new ArrayList<>();
        if (corpus != null && Files.isRegularFile(corpus)) {
            try (BufferedReader reader = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
                String line;
                while ((line = reader.readLine()) != null && texts.size() < n) {
                    JsonNode doc = JsonSerde.MAPPER.readTree(line);
                    texts.add((doc.path("title").asText("") + " " + doc.path("text").asText("")).strip());
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + corpus + ": " + e.getMessage());
            }
        }
        Random random = new Random(seed);
        int real = texts.size();
        while (texts.size() < n) {
            if (real > 0) {
                texts.add(texts.get(texts.size() % real));
            } else {
                StringBuilder text = new StringBuilder();
                for (int w = 0; w < SYNTHETIC_WORDS; w++) {
                    text.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(' ');
                }
                texts.add(text.toString().strip());
            }
        }
        return texts;
    }

    /** Documents in a corpus file (1,000 synthetic ones when there is none). */
    static int count(Path corpus) {
        if (corpus == null || !Files.isRegularFile(corpus)) {
            return 1000;
        }
        try (var lines = Files.lines(corpus, StandardCharsets.UTF_8)) {
            return (int) lines.filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + corpus + ": " + e.getMessage());
        }
    }

    static String describe(Path corpus) {
        return corpus != null && Files.isRegularFile(corpus) ? corpus.toString() : "synthetic (" + SYNTHETIC_WORDS + " words each)";
    }
}
