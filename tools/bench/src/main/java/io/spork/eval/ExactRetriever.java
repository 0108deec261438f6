package io.spork.eval;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.InferenceFreeQueryEncoder;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.DocumentEvent;
import io.spork.schema.SparseVector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * The brute-force check of Spork's pipeline ({@code ./spork eval --model exact}): the same encoder
 * and configuration as the stack (windows, model, query mode), but no Kafka and no index: every
 * document encoded in this process, every query scored by exact dot products against all of them.
 * Its nDCG@10 is what the pipeline must reproduce; a difference means the pipeline lost or changed
 * something between the encoder and the hits.
 */
final class ExactRetriever {
    private static final int ENCODE_CHUNK = 64;

    private final SporkConfig config;
    private final PrintStream progress;

    ExactRetriever(SporkConfig config, PrintStream progress) {
        this.config = config;
        this.progress = progress;
    }

    RetrievalOutcome retrieve(List<BeirDocument> corpus, List<EvalQuery> queries, int hits) {
        try (SpladeEncoder encoder = SpladeEncoder.open(EncoderSettings.from(config))) {
            // A repeated id replaces the earlier document, as an upsert does in Spork.
            Map<String, String> texts = new LinkedHashMap<>();
            for (BeirDocument doc : corpus) {
                if (!doc.isBlank()) {
                    texts.remove(doc.id());
                    texts.put(doc.id(), new DocumentEvent(doc.id(), DocumentEvent.Op.UPSERT, doc.title(), doc.text(), null, null).encodableText());
                }
            }
            List<String> ids = new ArrayList<>(texts.keySet());
            List<String> bodies = new ArrayList<>(texts.values());
            List<SparseVector> vectors = new ArrayList<>(ids.size());
            long started = System.nanoTime();
            for (int from = 0; from < bodies.size(); from += ENCODE_CHUNK) {
                vectors.addAll(encoder.encode(bodies.subList(from, Math.min(bodies.size(), from + ENCODE_CHUNK))));
            }
            long encodeNanos = System.nanoTime() - started;
            progress.printf("spork eval: exact: encoded %d documents in %.1f s%n", ids.size(), encodeNanos / 1e9);
            Function<String, SparseVector> queryEncoder = "inference-free".equals(config.get(ConfigKeys.ENCODER_QUERY_MODE))
                    ? InferenceFreeQueryEncoder.of(encoder)::encode : encoder::encode;
            Run run = new Run();
            long[] latencies = new long[queries.size()];
            for (int q = 0; q < queries.size(); q++) {
                long sent = System.nanoTime();
                run.put(queries.get(q).id(), topK(queryEncoder.apply(queries.get(q).text()), ids, vectors, hits));
                latencies[q] = System.nanoTime() - sent;
            }
            return RetrievalOutcome.of(run, ids.size(), encodeNanos, latencies);
        }
    }

    /** The k best documents by exact dot product; ties by id, as Spork orders them. */
    static List<RankedHit> topK(SparseVector query, List<String> ids, List<SparseVector> vectors, int k) {
        PriorityQueue<RankedHit> best = new PriorityQueue<>((a, b) -> a.score() != b.score()
                ? Float.compare(a.score(), b.score()) : b.docId().compareTo(a.docId()));
        for (int d = 0; d < vectors.size(); d++) {
            float score = (float) query.dot(vectors.get(d));
            if (score <= 0f) {
                continue;
            }
            best.add(new RankedHit(ids.get(d), score));
            if (best.size() > k) {
                best.poll();
            }
        }
        List<RankedHit> ranked = new ArrayList<>(best);
        ranked.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : a.docId().compareTo(b.docId()));
        return ranked;
    }
}
