package io.spork.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.spork.schema.JsonSerde;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a BEIR data set directory (the layout of the BEIR benchmark's downloads):
 * <pre>
 * DIR/corpus.jsonl     {"_id": "...", "title": "...", "text": "..."} per line
 * DIR/queries.jsonl    {"_id": "...", "text": "..."} per line
 * DIR/qrels/test.tsv   a header line, then query-id TAB corpus-id TAB score
 * </pre>
 * A missing file or a malformed line is an {@link EvalException} naming the file and line.
 */
public final class BeirReader {
    public static final String CORPUS_FILE = "corpus.jsonl";
    public static final String QUERIES_FILE = "queries.jsonl";
    public static final String QRELS_FILE = "qrels/test.tsv";
    public static final String TEST_SPLIT = "test";
    public static final String TRAIN_SPLIT = "train";
    private static final String ID_FIELD = "_id";
    private static final int QRELS_COLUMNS = 3;

    private BeirReader() {
    }

    public static BeirDataset read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new EvalException("BEIR directory " + dir + " does not exist (expected " + CORPUS_FILE + ", "
                    + QUERIES_FILE + " and " + QRELS_FILE + " in it)");
        }
        Path corpusFile = requireFile(dir, CORPUS_FILE);
        Path queriesFile = requireFile(dir, QUERIES_FILE);
        Path qrelsFile = requireFile(dir, QRELS_FILE);
        return new BeirDataset(dir, readCorpus(corpusFile), readQueries(queriesFile), readQrels(qrelsFile));
    }

    /** The judgements of another split, qrels/SPLIT.tsv (BEIR's train or dev), in the same format. */
    public static Qrels readSplit(Path dir, String split) {
        return readQrels(requireFile(dir, "qrels/" + split + ".tsv"));
    }

    private static Path requireFile(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new EvalException("BEIR file " + file + " is missing: a BEIR directory holds "
                    + CORPUS_FILE + ", " + QUERIES_FILE + " and " + QRELS_FILE);
        }
        return file;
    }

    static List<BeirDocument> readCorpus(Path file) {
        List<BeirDocument> corpus = new ArrayList<>();
        forEachJsonLine(file, (json, where) -> corpus.add(
                new BeirDocument(requiredId(json, where), optionalText(json, "title", where), optionalText(json, "text", where))));
        return corpus;
    }

    static Map<String, String> readQueries(Path file) {
        Map<String, String> queries = new LinkedHashMap<>();
        forEachJsonLine(file, (json, where) -> queries.put(requiredId(json, where), optionalText(json, "text", where)));
        return queries;
    }

    static Qrels readQrels(Path file) {
        Qrels qrels = new Qrels();
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.trim().split("\t");
            String where = file + " line " + (i + 1);
            if (columns.length != QRELS_COLUMNS) {
                throw new EvalException(where + ": expected query-id TAB corpus-id TAB score, got '" + line + "'");
            }
            Integer grade = parseGrade(columns[2].trim());
            if (grade == null) {
                if (i == 0) {
                    continue; // the header line: query-id, corpus-id, score
                }
                throw new EvalException(where + ": score '" + columns[2] + "' is not a whole number");
            }
            qrels.add(columns[0].trim(), columns[1].trim(), grade);
        }
        if (qrels.queryCount() == 0) {
            throw new EvalException(file + " has no judgements: nothing to evaluate");
        }
        return qrels;
    }

    private static Integer parseGrade(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private interface JsonLineConsumer {
        void accept(JsonNode json, String where);
    }

    private static void forEachJsonLine(Path file, JsonLineConsumer consumer) {
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String where = file + " line " + (i + 1);
            JsonNode json;
            try {
                json = JsonSerde.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new EvalException(where + " is not valid JSON: " + e.getOriginalMessage());
            }
            if (json == null || !json.isObject()) {
                throw new EvalException(where + " is not a JSON object");
            }
            consumer.accept(json, where);
        }
    }

    private static List<String> readLines(Path file) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return reader.lines().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new EvalException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String requiredId(JsonNode json, String where) {
        JsonNode id = json.get(ID_FIELD);
        if (id == null || id.isNull() || !id.isValueNode() || id.asText().isBlank()) {
            throw new EvalException(where + " has no '" + ID_FIELD + "' field");
        }
        return id.asText();
    }

    private static String optionalText(JsonNode json, String field, String where) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new EvalException(where + ": field '" + field + "' must be a string");
        }
        return node.textValue();
    }
}
