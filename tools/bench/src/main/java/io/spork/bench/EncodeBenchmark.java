package io.spork.bench;

import ai.onnxruntime.OrtException;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./spork bench encode [--docs 2000] [--corpus corpus.jsonl]}: documents per second through
 * Spork's encoder ({@link SpladeEncoder}) against a plain ONNX Runtime loop ({@link PlainOrtLoop})
 * doing the same work: the same batches of documents (cut as the encode stage cuts them, by
 * {@code encoder.batch-documents} documents and {@code encoder.batch-tokens} tokens, in corpus
 * order), the same session options, each batch's windows sorted by length into the same model
 * runs, tokenization and pooling to sparse vectors on both sides. Passes alternate, after a warm-up
 * of each; the best pass of each side counts. Last line: {@code encode_efficiency: X}.
 */
final class EncodeBenchmark {
    private static final int ROUNDS = 2;

    private EncodeBenchmark() {
    }

    static int run(int docs, Path corpus, SporkConfig config) throws Exception {
        EncoderSettings settings = EncoderSettings.from(config);
        List<String> texts = BenchTexts.load(corpus, docs, 1);
        double spork = 0;
        double plain = 0;
        try (SpladeEncoder encoder = SpladeEncoder.open(settings); PlainOrtLoop loop = new PlainOrtLoop(settings)) {
            List<List<String>> batches = batches(encoder, texts, settings);
            System.out.printf("documents: %d from %s in %d batches (up to %d documents, %d tokens); %d cores; %s on %s%n", docs,
                    BenchTexts.describe(corpus), batches.size(), settings.batchDocuments(), settings.batchTokens(),
                    Runtime.getRuntime().availableProcessors(), encoder.runtime(), encoder.device());
            for (int round = 0; round <= ROUNDS; round++) {
                double s = sporkPass(encoder, batches, docs);
                double p = plainPass(loop, batches, docs, settings);
                if (round > 0) {
                    System.out.printf("pass %d: spork %.1f, plain %.1f docs/s%n", round, s, p);
                    spork = Math.max(spork, s);
                    plain = Math.max(plain, p);
                }
            }
        }
        System.out.printf("spork_encode_docs_per_s: %.1f (best of %d passes)%n", spork, ROUNDS);
        System.out.printf("plain_loop_docs_per_s: %.1f (best of %d passes)%n", plain, ROUNDS);
        System.out.printf("encode_efficiency: %.3f%n", spork / plain);
        return 0;
    }

    /** The batches the encode stage would form from documents arriving in this order. */
    private static List<List<String>> batches(SpladeEncoder encoder, List<String> texts, EncoderSettings settings) {
        List<List<String>> batches = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int tokens = 0;
        for (String text : texts) {
            current.add(text);
            tokens += encoder.windowed(text).tokens();
            if (current.size() >= settings.batchDocuments() || tokens >= settings.batchTokens()) {
                batches.add(current);
                current = new ArrayList<>();
                tokens = 0;
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    private static double sporkPass(SpladeEncoder encoder, List<List<String>> batches, int docs) {
        long started = System.nanoTime();
        for (List<String> batch : batches) {
            encoder.encode(batch);
        }
        return docs / ((System.nanoTime() - started) / 1e9);
    }

    private static double plainPass(PlainOrtLoop loop, List<List<String>> batches, int docs, EncoderSettings settings) throws OrtException {
        long started = System.nanoTime();
        for (List<String> batch : batches) {
            loop.encode(batch, settings.runWindows(), settings.runTokens());
        }
        return docs / ((System.nanoTime() - started) / 1e9);
    }
}
