package io.spork.bench;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.ModelDirectory;
import io.spork.encoder.OrtRuntime;
import io.spork.encoder.RunCut;
import io.spork.encoder.TokenWindows;
import io.spork.schema.SparseVector;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The peer of Spork's encoder in the benchmarks: a plain loop over an ONNX Runtime session of the
 * same model, written without Spork's encoder code (it shares only the rule that cuts sorted
 * windows into runs, {@link RunCut}, so that both sides batch alike), doing the same work per text:
 * tokenization, the same windows (one up to the model's length, balanced ones beyond), the model,
 * max-pooling of each text's windows (the later ones weighted as configured), a sparse vector. Its session has the options an ONNX Runtime
 * user would pick for this model (all graph optimizations, intra-op threads = cores, the CPU arena,
 * no memory patterns: every batch has a new shape).
 */
final class PlainOrtLoop implements AutoCloseable {
    private final ModelDirectory model;
    private final HuggingFaceTokenizer tokenizer;
    private final TokenWindows windows;
    private final OrtEnvironment env = OrtRuntime.environment();
    private final OrtSession session;
    private final boolean feedsTokenTypes;
    private final float laterWindowWeight;
    private long runs;
    private long tokens;
    private long paddedTokens;
    private long runNanos;

    PlainOrtLoop(EncoderSettings settings) throws OrtException, IOException {
        model = ModelDirectory.open(settings.modelDir());
        tokenizer = HuggingFaceTokenizer.newInstance(model.tokenizerFile(),
                Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        long[] specials = tokenizer.encode("", true, false).getIds();
        int windowTokens = settings.windowTokens() > 0 ? Math.min(settings.windowTokens(), model.maxLength()) : model.maxLength();
        windows = new TokenWindows(new long[] {specials[0]}, Arrays.copyOfRange(specials, 1, specials.length),
                windowTokens, settings.windowStride(), settings.maxWindows());
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setIntraOpNumThreads(settings.intraOpThreads() > 0 ? settings.intraOpThreads() : Runtime.getRuntime().availableProcessors());
            options.setCPUArenaAllocator(true);
            options.setMemoryPatternOptimization(false);
            session = env.createSession(model.modelFile(settings.quantized()).toString(), options);
        }
        feedsTokenTypes = session.getInputNames().contains("token_type_ids");
        laterWindowWeight = settings.laterWindowWeight();
    }

    /**
     * Encodes the texts: all their windows sorted by length, run in batches of at most maxRows
     * windows and maxTokens padded tokens (rows x longest window), cut by the rule Spork's encoder
     * cuts its runs by ({@link RunCut}: boundaries where the lengths jump), so that the two sides
     * differ only in what each has sorted at once: here every window of the texts.
     */
    List<SparseVector> encode(List<String> texts, int maxRows, long maxTokens) throws OrtException {
        List<long[]> all = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Boolean> later = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) {
            long[] ids = tokenizer.encode(texts.get(t), false, false).getIds();
            List<long[]> split = windows.split(ids);
            for (int w = 0; w < split.size(); w++) {
                all.add(split.get(w));
                owner.add(t);
                later.add(w > 0);
            }
        }
        Integer[] order = new Integer[all.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> all.get(i).length));
        SparseVector[] vectors = new SparseVector[texts.size()];
        int vocab = model.vocabSize();
        float[] row = new float[vocab];
        int[] sortedLengths = new int[order.length];
        Arrays.setAll(sortedLengths, i -> all.get(order[i]).length);
        int from = 0;
        for (int to : RunCut.ends(sortedLengths, maxRows, maxTokens)) {
            List<long[]> batch = new ArrayList<>();
            for (int i = from; i < to; i++) {
                batch.add(all.get(order[i]));
            }
            long started = System.nanoTime();
            try (OrtSession.Result result = run(batch)) {
                runNanos += System.nanoTime() - started;
                runs++;
                paddedTokens += (long) batch.size() * batch.get(batch.size() - 1).length;
                tokens += batch.stream().mapToLong(w -> w.length).sum();
                FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                for (int r = 0; r < batch.size(); r++) {
                    out.get(r * vocab, row, 0, vocab);
                    if (later.get(order[from + r])) {
                        for (int j = 0; j < vocab; j++) {
                            row[j] *= laterWindowWeight;
                        }
                    }
                    int text = owner.get(order[from + r]);
                    SparseVector v = SparseVector.fromDense(row);
                    vectors[text] = vectors[text] == null ? v : maxPooled(vectors[text], v);
                }
            }
            from = to;
        }
        return Arrays.asList(vectors);
    }

    private OrtSession.Result run(List<long[]> batch) throws OrtException {
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
            if (feedsTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
            }
            return session.run(inputs, java.util.Set.of(model.outputName()));
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Model runs, real and padded tokens, and time inside ONNX Runtime since the last reset. */
    RunProfile profile() {
        return new RunProfile(runs, tokens, paddedTokens, runNanos);
    }

    void resetProfile() {
        runs = 0;
        tokens = 0;
        paddedTokens = 0;
        runNanos = 0;
    }

    /** The per-term maximum of two sparse vectors (both sorted by id). */
    static SparseVector maxPooled(SparseVector a, SparseVector b) {
        int[] ids = new int[a.size() + b.size()];
        float[] weights = new float[ids.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.size() || j < b.size()) {
            if (j == b.size() || (i < a.size() && a.idAt(i) < b.idAt(j))) {
                ids[n] = a.idAt(i);
                weights[n++] = a.weightAt(i++);
            } else if (i == a.size() || b.idAt(j) < a.idAt(i)) {
                ids[n] = b.idAt(j);
                weights[n++] = b.weightAt(j++);
            } else {
                ids[n] = a.idAt(i);
                weights[n++] = Math.max(a.weightAt(i++), b.weightAt(j++));
            }
        }
        return new SparseVector(Arrays.copyOf(ids, n), Arrays.copyOf(weights, n));
    }

    @Override
    public void close() throws OrtException {
        try {
            session.close();
        } finally {
            tokenizer.close();
        }
    }
}
