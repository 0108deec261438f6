package io.spork.eval;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a run in TREC format, one line per hit: {@code qid Q0 docid rank score tag}, ranks from 1
 * in trec_eval's order. Scores are written exactly (the shortest decimal that reads back as the
 * same float, never in exponent form), so trec_eval sees the same ties the metrics here saw.
 */
public final class TrecRunWriter {
    private static final String ITERATION = "Q0";
    private static final int FIRST_RANK = 1;

    private TrecRunWriter() {
    }

    public static void write(Run run, Path file, String tag) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                write(run, out, tag);
            }
        } catch (IOException e) {
            throw new EvalException("cannot write the run file " + file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Run run, Writer out, String tag) throws IOException {
        for (String query : run.queryIds()) {
            List<RankedHit> hits = run.ranked(query);
            for (int i = 0; i < hits.size(); i++) {
                RankedHit hit = hits.get(i);
                out.write(query + " " + ITERATION + " " + hit.docId() + " " + (i + FIRST_RANK) + " "
                        + formatScore(hit.score()) + " " + tag + "\n");
            }
        }
    }

    static String formatScore(float score) {
        return new BigDecimal(Float.toString(score)).stripTrailingZeros().toPlainString();
    }
}
