package io.spork.encoder;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
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
import java.util.Set;

/**
 * Encodes texts into SPLADE vectors with a Spork model directory.
 *
 * <p>The SPLADE pooling (max over tokens of log(1 + ReLU(logits))) runs inside the ONNX graph, so
 * only [batch, vocab] weights cross into Java, never the [batch, seq, vocab] logits. Long texts
 * are split into windows ({@link TokenWindows}) whose vectors are max-pooled per term, every window
 * after the first weighted by {@code laterWindowWeight}: the first window leads, the later ones add
 * the terms it lacks without outweighing it (plain max-pooling let a text read in two windows
 * outrank better answers; docs/evaluation.md). Windows are
 * run in batches sorted by length and bounded by a token budget, so little compute is spent on
 * padding. Thread-safe: tokenizing ({@link #windowed}) may run on one thread while the model
 * ({@link #encodeWindowed}) runs on another.
 */
public final class SpladeEncoder implements AutoCloseable {
    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    /** Upper bound of characters per content token, to cut absurdly long texts before tokenizing. */
    private static final int MAX_CHARS_PER_TOKEN = 32;

    private final ModelDirectory model;
    private final HuggingFaceTokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String device;
    private final boolean feedsTokenTypes;
    private final TokenWindows windows;
    private final int runWindows;
    private final int runTokens;
    private final float laterWindowWeight;
    private final EncoderStats stats = new EncoderStats();

    private SpladeEncoder(ModelDirectory model, HuggingFaceTokenizer tokenizer, OrtEnvironment environment,
                          OrtSessionFactory.OpenedSession opened, EncoderSettings settings) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.vocabulary = Vocabulary.read(model.tokenizerFile(), model.vocabSize());
        this.environment = environment;
        this.session = opened.session();
        this.device = opened.device();
        Set<String> inputs;
        try {
            inputs = session.getInputNames();
        } catch (RuntimeException e) {
            throw new ModelException("cannot read the inputs of " + model.dir(), e);
        }
        if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)) {
            throw new ModelException("model " + model.dir() + " must take input_ids and attention_mask, it takes " + inputs);
        }
        this.feedsTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
        long[] specials = tokenizer.encode("", true, false).getIds();
        long[] prefix = specials.length > 0 ? new long[] {specials[0]} : new long[0];
        long[] suffix = specials.length > 1 ? Arrays.copyOfRange(specials, 1, specials.length) : new long[0];
        int windowTokens = settings.windowTokens() > 0 ? Math.min(settings.windowTokens(), model.maxLength()) : model.maxLength();
        this.windows = new TokenWindows(prefix, suffix, windowTokens, settings.windowStride(), settings.maxWindows());
        this.runWindows = settings.runWindows();
        this.runTokens = settings.runTokens();
        this.laterWindowWeight = settings.laterWindowWeight();
    }

    /** Loads the model directory of the settings on the configured device. */
    public static SpladeEncoder open(EncoderSettings settings) {
        return open(settings, GpuProbe.nvidiaDeviceFiles());
    }

    public static SpladeEncoder open(EncoderSettings settings, GpuProbe gpuProbe) {
        ModelDirectory model = ModelDirectory.open(settings.modelDir());
        OrtEnvironment env = OrtRuntime.environment();
        HuggingFaceTokenizer tokenizer;
        try {
            // tokenizer.json may carry baked-in truncation and padding: windows are made here instead.
            tokenizer = HuggingFaceTokenizer.newInstance(model.tokenizerFile(),
                    Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "false"));
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot load tokenizer " + model.tokenizerFile() + ": " + e.getMessage(), e);
        }
        OrtSessionFactory.OpenedSession opened = new OrtSessionFactory(env, gpuProbe).open(model.modelFile(settings.quantized()), settings);
        return new SpladeEncoder(model, tokenizer, env, opened, settings);
    }

    public SparseVector encode(String text) {
        return encode(List.of(text)).get(0);
    }

    /** Encodes texts in one pass; the result has one vector per text, in order. */
    public List<SparseVector> encode(List<String> texts) {
        List<WindowedText> windowed = new ArrayList<>(texts.size());
        for (String text : texts) {
            windowed.add(windowed(text));
        }
        return encodeWindowed(windowed);
    }

    /** Tokenizes a text and splits it into the windows the model reads (the CPU part of encoding). */
    public WindowedText windowed(String text) {
        return new WindowedText(windows.split(contentTokens(text)));
    }

    /**
     * Runs the model over tokenized texts: their windows sorted by length and cut ({@link RunCut})
     * into model runs of at most {@code runTokens} padded tokens (rows x longest window) and
     * {@code runWindows} rows, each text's windows max-pooled per term. One vector per text, in order.
     */
    public List<SparseVector> encodeWindowed(List<WindowedText> texts) {
        long started = System.nanoTime();
        List<long[]> all = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<Boolean> later = new ArrayList<>();
        for (int t = 0; t < texts.size(); t++) {
            List<long[]> textWindows = texts.get(t).windows();
            for (int w = 0; w < textWindows.size(); w++) {
                all.add(textWindows.get(w));
                owner.add(t);
                later.add(w > 0);
            }
        }
        Integer[] order = new Integer[all.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> all.get(i).length));
        int[] sortedLengths = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sortedLengths[i] = all.get(order[i]).length;
        }
        float[][] pooled = new float[texts.size()][];
        int vocab = model.vocabSize();
        int from = 0;
        for (int to : RunCut.ends(sortedLengths, runWindows, runTokens)) {
            List<long[]> batch = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                batch.add(all.get(order[i]));
            }
            long runStarted = System.nanoTime();
            FloatBuffer out = run(batch);
            long runNanos = System.nanoTime() - runStarted;
            for (int r = 0; r < batch.size(); r++) {
                int text = owner.get(order[from + r]);
                if (pooled[text] == null) {
                    pooled[text] = new float[vocab];
                }
                float[] acc = pooled[text];
                float scale = later.get(order[from + r]) ? laterWindowWeight : 1f;
                int base = r * vocab;
                for (int j = 0; j < vocab; j++) {
                    float w = scale * out.get(base + j);
                    if (w > acc[j]) {
                        acc[j] = w;
                    }
                }
            }
            long real = 0;
            for (long[] w : batch) {
                real += w.length;
            }
            stats.recordRun(real, (long) batch.size() * batch.get(batch.size() - 1).length, runNanos);
            from = to;
        }
        List<SparseVector> vectors = new ArrayList<>(texts.size());
        for (int t = 0; t < texts.size(); t++) {
            vectors.add(SparseVector.fromDense(pooled[t]));
        }
        stats.recordDocuments(texts.size(), all.size(), System.nanoTime() - started);
        return vectors;
    }

    /** The text's token ids without special tokens, as the model would read them (cut at the window budget). */
    public long[] tokenIds(String text) {
        return contentTokens(text);
    }

    private long[] contentTokens(String text) {
        int maxChars = windows.maxContentTokens() * MAX_CHARS_PER_TOKEN;
        String bounded = text.length() > maxChars ? text.substring(0, maxChars) : text;
        return tokenizer.encode(bounded, false, false).getIds();
    }

    private FloatBuffer run(List<long[]> batch) {
        int rows = batch.size();
        int seq = 0;
        for (long[] w : batch) {
            seq = Math.max(seq, w.length);
        }
        long[] ids = new long[rows * seq];
        long[] mask = new long[rows * seq];
        for (int r = 0; r < rows; r++) {
            long[] w = batch.get(r);
            System.arraycopy(w, 0, ids, r * seq, w.length);
            Arrays.fill(mask, r * seq, r * seq + w.length, 1L);
        }
        long[] shape = {rows, seq};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put(ATTENTION_MASK, OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (feedsTokenTypes) {
                inputs.put(TOKEN_TYPE_IDS, OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[rows * seq]), shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(model.outputName()))) {
                OnnxTensor out = (OnnxTensor) result.get(model.outputName())
                        .orElseThrow(() -> new ModelException("model " + model.dir() + " has no output '" + model.outputName() + "'"));
                return out.getFloatBuffer();
            }
        } catch (OrtException e) {
            throw new ModelException("the model failed on a batch of " + rows + " windows of up to " + seq + " tokens: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public ModelDirectory model() {
        return model;
    }

    /** The ONNX Runtime build in use, e.g. "onnxruntime 1.29.0 (CPU build)". */
    public String runtime() {
        return OrtRuntime.build();
    }

    /** "cpu" or "cuda:N". */
    public String device() {
        return device;
    }

    public EncoderStats stats() {
        return stats;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new ModelException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        } finally {
            tokenizer.close();
        }
    }
}
