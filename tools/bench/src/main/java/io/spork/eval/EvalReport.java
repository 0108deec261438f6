package io.spork.eval;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The figures {@code ./spork eval} prints to stdout, one {@code name: value} per line, so a script
 * can read them: effectiveness first, then efficiency, then what was evaluated.
 */
record EvalReport(EvalOptions options, EvalScores scores, RetrievalOutcome outcome, int corpusDocuments, int queries,
                  String prefix, String mode) {

    EvalReport(EvalOptions options, EvalScores scores, RetrievalOutcome outcome, int corpusDocuments, int queries) {
        this(options, scores, outcome, corpusDocuments, queries, "", null);
    }

    void print(PrintStream out) {
        line(out, "ndcg@10", "%.4f", scores.ndcgAt10());
        line(out, "recall@100", "%.4f", scores.recallAt100());
        line(out, "recall@1000", "%.4f", scores.recallAt1000());
        line(out, "ingest_docs_per_s", "%.1f", outcome.ingestDocsPerSecond());
        line(out, "time_to_searchable_s", "%.2f", outcome.timeToSearchableSeconds());
        line(out, "query_latency_p50_ms", "%.2f", outcome.latency().p50Millis());
        line(out, "query_latency_p99_ms", "%.2f", outcome.latency().p99Millis());
        line(out, "documents", "%d", corpusDocuments);
        line(out, "documents_indexed", "%d", outcome.documentsIndexed());
        line(out, "queries", "%d", queries);
        line(out, "model", "%s", options.model().tag());
        if (options.model() == EvalModel.BM25 && options.bm25Partitions() > 1) {
            line(out, "bm25_partitions_with_local_statistics", "%d", options.bm25Partitions());
        }
        if (mode != null) {
            line(out, "mode", "%s", mode);
            line(out, "queries_split", "%s", options.split());
        }
        line(out, "k", "%d", options.k());
        line(out, "remove_query", "%s", options.removeQuery());
    }

    private void line(PrintStream out, String name, String format, Object value) {
        out.println(prefix + name + ": " + String.format(Locale.ROOT, format, value));
    }
}
