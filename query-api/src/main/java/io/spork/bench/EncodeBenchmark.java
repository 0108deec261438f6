package io.spork.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.ModelDirectory;
import io.spork.encoder.OrtRuntime;
import io.spork.encoder.SpladeEncoder;
import io.spork.encoder.TokenWindows;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./spork bench encode [--docs 2000] [--batch 32] [--corpus corpus.jsonl]}: documents per
 * second through Spork's encode stage ({@link SpladeEncoder}: tokenization, windows, model,
 * pooling to sparse vectors) against a bare ONNX Runtime session on the same model, documents and
 * batch size: the same windows, tokenized beforehand, run in corpus order, padded per batch, the
 * dense output left untouched. Spork sorts a batch's windows by length before running them, which
 * pads less. Last line: {@code encode_efficiency: X} (Spork over bare).
 */
final class EncodeBenchmark {
    private static final int DEFAULT_DOCS = 2000;
    private static final int DEFAULT_BATCH = 32;
    private static final int ROUNDS = 2;

    private EncodeBenchmark() {
    }

    static int run(Map<String, String> options, SporkConfig base) throws OrtException, java.io.IOException {
        int docs = Integer.parseInt(options.getOrDefault("docs", Integer.toString(DEFAULT_DOCS)));
        int batch = Integer.parseInt(options.getOrDefault("batch", Integer.toString(DEFAULT_BATCH)));
        Path corpus = Path.of(options.getOrDefault("corpus", BenchTexts.DEFAULT_CORPUS.toString()));
        SporkConfig config = SporkConfig.builder().set(ConfigKeys.ENCODER_MODEL_DIR, base.get(ConfigKeys.ENCODER_MODEL_DIR))
                .set(ConfigKeys.ENCODER_MAX_BATCH_SIZE, Integer.toString(batch)).build();
        EncoderSettings settings = EncoderSettings.from(config);
        List<String> texts = BenchTexts.load(corpus, docs, 1);
        System.out.println("documents: " + docs + " from " + BenchTexts.describe(corpus) + ", batch " + batch
                + ", window " + settings.windowTokens() + " tokens, " + Runtime.getRuntime().availableProcessors() + " cores");

        ModelDirectory model = ModelDirectory.open(settings.modelDir());
        List<long[]> windows = windowsOf(settings, model, texts);
        System.out.println("windows: " + windows.size());
        double spork = 0;
        double bare = 0;
        try (SpladeEncoder encoder = SpladeEncoder.open(settings);
             OrtSession.SessionOptions bareOptions = bareOptions(settings);
             OrtSession session = OrtRuntime.environment().createSession(model.modelFile(settings.quantized()).toString(), bareOptions)) {
            // One full pass each first: ONNX Runtime plans memory per input shape on first sight.
            for (int round = 0; round <= ROUNDS; round++) {
                double s = sporkPass(encoder, texts, batch);
                double b = barePass(session, model, windows, batch, texts.size());
                if (round > 0) {
                    spork = Math.max(spork, s);
                    bare = Math.max(bare, b);
                }
            }
            System.out.printf("spork_encode_docs_per_s: %.1f (device %s, best of %d passes)%n", spork, encoder.device(), ROUNDS);
        }
        System.out.printf("bare_onnxruntime_docs_per_s: %.1f (best of %d passes)%n", bare, ROUNDS);
        System.out.printf("encode_efficiency: %.3f%n", spork / bare);
        return 0;
    }

    private static double sporkPass(SpladeEncoder encoder, List<String> texts, int batch) {
        long started = System.nanoTime();
        for (int from = 0; from < texts.size(); from += batch) {
            encoder.encode(texts.subList(from, Math.min(texts.size(), from + batch)));
        }
        return texts.size() / ((System.nanoTime() - started) / 1e9);
    }

    /** The same model run bare: the windows tokenized beforehand, one session.run per batch in corpus order. */
    private static double barePass(OrtSession session, ModelDirectory model, List<long[]> windows, int batch, int documents)
            throws OrtException {
        long started = System.nanoTime();
        for (int from = 0; from < windows.size(); from += batch) {
            runBatch(OrtRuntime.environment(), session, model, windows.subList(from, Math.min(windows.size(), from + batch)));
        }
        return documents / ((System.nanoTime() - started) / 1e9);
    }

    /** Exactly the windows Spork's encoder makes, so both sides do the same model work. */
    private static List<long[]> windowsOf(EncoderSettings settings, ModelDirectory model, List<String> texts) throws java.io.IOException {
        List<long[]> all = new ArrayList<>();
        try (HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.newInstance(model.tokenizerFile(),
                Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"))) {
            long[] specials = tokenizer.encode("", true, false).getIds();
            TokenWindows windows = new TokenWindows(new long[] {specials[0]}, Arrays.copyOfRange(specials, 1, specials.length),
                    Math.min(settings.windowTokens(), model.maxLength()), settings.windowStride(), settings.maxWindows());
            for (String t : texts) {
                all.addAll(windows.split(tokenizer.encode(t, false, false).getIds()));
            }
        }
        return all;
    }

    private static OrtSession.SessionOptions bareOptions(EncoderSettings settings) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        if (settings.intraOpThreads() > 0) {
            options.setIntraOpNumThreads(settings.intraOpThreads());
        }
        return options;
    }

    private static void runBatch(OrtEnvironment env, OrtSession session, ModelDirectory model, List<long[]> batch) throws OrtException {
        int seq = batch.stream().mapToInt(a -> a.length).max().orElse(1);
        long[] ids = new long[batch.size() * seq];
        long[] mask = new long[batch.size() * seq];
        for (int r = 0; r < batch.size(); r++) {
            System.arraycopy(batch.get(r), 0, ids, r * seq, batch.get(r).length);
            Arrays.fill(mask, r * seq, r * seq + batch.get(r).length, 1L);
        }
        long[] shape = {batch.size(), seq};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (session.getInputNames().contains("token_type_ids")) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                result.get(model.outputName()).orElseThrow();
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
