package io.spork.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import io.spork.testing.TestModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled model reproduces the published outputs of rasyosef/splade-tiny (its model card's
 * example, sentence-transformers SparseEncoder, dot product) within 1e-3.
 */
class SpladeEncoderGoldenTest {
    private static final double TOLERANCE = 1e-3;
    private static final List<String> SENTENCES = List.of(
            "The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.");
    private static final double[][] SIMILARITY = {
            {39.7253, 7.1662, 0.0000},
            {7.1662, 27.0255, 0.1385},
            {0.0000, 0.1385, 26.3539}};
    private static final String[][] TOP_TOKENS = {
            {"today", "lovely", "weather", "summers", "cool", "darling", "now", "beautiful", "nice", "worthy"},
            {"outside", "sunny", "cool", "so", "ahead", "darling", "it", "across", "sunshine", "rocky"},
            {"drove", "stadium", "he", "team", "move", "jumped", "driving", "ride", "run", "drive"}};
    private static final double[][] TOP_WEIGHTS = {
            {2.543731451034546, 2.1207380294799805, 2.043243646621704, 2.0363612174987793, 1.8053990602493286,
                    1.4539366960525513, 1.3975915908813477, 1.3838205337524414, 1.2771646976470947, 1.2120126485824585},
            {2.2667503356933594, 2.188624382019043, 1.8421072959899902, 1.8326992988586426, 1.439140796661377,
                    1.3871415853500366, 1.2396169900894165, 0.9793394804000854, 0.9226517081260681, 0.8372038006782532},
            {2.0859971046447754, 2.0446298122406006, 1.7063332796096802, 1.4266990423202515, 1.3472365140914917,
                    1.1752349138259888, 1.1558808088302612, 1.1327213048934937, 1.0909342765808105, 1.0640281438827515}};

    private final SpladeEncoder encoder = TestModels.sharedEncoder();
    /** The default protocol: long texts in up to 16 balanced windows, the later ones weighted 0.5. */
    private static SpladeEncoder windowed;
    /** The same model cutting long texts at its max length. */
    private static SpladeEncoder cutting;
    /** The same windows, plainly max-pooled. */
    private static SpladeEncoder plainMax;

    @BeforeAll
    static void openWindowed() {
        windowed = SpladeEncoder.open(EncoderSettings.from(TestModels.config()));
        cutting = SpladeEncoder.open(EncoderSettings.from(TestModels.config().with(EncoderSettings.MAX_WINDOWS, "1")));
        plainMax = SpladeEncoder.open(EncoderSettings.from(TestModels.config().with(EncoderSettings.LATER_WINDOW_WEIGHT, "1")));
    }

    @AfterAll
    static void closeWindowed() {
        windowed.close();
        cutting.close();
        plainMax.close();
    }

    @Test
    void topTermsMatchTheModelCard() {
        List<SparseVector> vectors = encoder.encode(SENTENCES);
        for (int s = 0; s < SENTENCES.size(); s++) {
            SparseVector v = vectors.get(s);
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble(i -> -v.weightAt(i)));
            for (int r = 0; r < TOP_TOKENS[s].length; r++) {
                int at = order.get(r);
                assertEquals(TOP_TOKENS[s][r], encoder.vocabulary().token(v.idAt(at)), "sentence " + (s + 1) + " rank " + (r + 1));
                assertEquals(TOP_WEIGHTS[s][r], v.weightAt(at), TOLERANCE, "sentence " + (s + 1) + " token " + TOP_TOKENS[s][r]);
            }
        }
    }

    @Test
    void dotProductsMatchTheModelCard() {
        List<SparseVector> vectors = encoder.encode(SENTENCES);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(SIMILARITY[i][j], vectors.get(i).dot(vectors.get(j)), TOLERANCE, "similarity[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void batchingDoesNotChangeVectors() {
        List<SparseVector> batch = encoder.encode(SENTENCES);
        for (int s = 0; s < SENTENCES.size(); s++) {
            SparseVector alone = encoder.encode(SENTENCES.get(s));
            assertEquals(alone.size(), batch.get(s).size());
            for (int i = 0; i < alone.size(); i++) {
                assertEquals(alone.idAt(i), batch.get(s).idAt(i));
                assertEquals(alone.weightAt(i), batch.get(s).weightAt(i), 1e-5);
            }
        }
    }

    @Test
    void withOneWindowALongTextIsCutAtTheModelsMaxLength() {
        String head = "The weather is lovely today. ";
        String filler = "Nothing of note happened in the quiet town. ".repeat(60);
        SparseVector cut = cutting.encode(head + filler + "He drove to the stadium.");
        assertEquals(1, cutting.windowed(head + filler).windows().size());
        assertEquals(512, cutting.windowed(head + filler).windows().get(0).length);
        assertEquals(0f, cut.weightOf(cutting.vocabulary().id("stadium").orElseThrow()), "the tail beyond 512 tokens is not read");
    }

    @Test
    void laterWindowsAreWeightedBeforeTheyAreMaxPooled() {
        String text = "The weather is lovely today. " + "Nothing of note happened in the quiet town. ".repeat(60) + "He drove to the stadium.";
        List<long[]> windows = windowed.windowed(text).windows();
        assertEquals(2, windows.size());
        SparseVector first = windowed.encodeWindowed(List.of(new WindowedText(List.of(windows.get(0))))).get(0);
        SparseVector second = windowed.encodeWindowed(List.of(new WindowedText(List.of(windows.get(1))))).get(0);
        SparseVector pooled = windowed.encode(text);
        SparseVector plain = plainMax.encode(text);
        int fromLaterOnly = 0;
        int weightDecided = 0;
        for (SparseVector v : List.of(first, second, pooled, plain)) {
            for (int i = 0; i < v.size(); i++) {
                int id = v.idAt(i);
                float a = first.weightOf(id);
                float b = second.weightOf(id);
                assertEquals(Math.max(a, 0.5f * b), pooled.weightOf(id), 1e-5, "term " + id);
                assertEquals(Math.max(a, b), plain.weightOf(id), 1e-5, "term " + id + ", plain max-pooling");
                fromLaterOnly += a == 0 && b > 0 ? 1 : 0;
                weightDecided += b > a && 0.5f * b < a ? 1 : 0;
            }
        }
        assertTrue(fromLaterOnly > 0, "the later window adds terms the first lacks");
        assertTrue(weightDecided > 0, "the weight keeps the first window's value where the later one was larger");
    }

    @Test
    void longTextsAreEncodedInWindowsAndMaxPooled() {
        SpladeEncoder encoder = windowed;
        String head = "The weather is lovely today. ";
        String filler = "Nothing of note happened in the quiet town. ".repeat(60);
        String tail = "He drove to the stadium.";
        SparseVector whole = encoder.encode(head + filler + tail);
        SparseVector first = encoder.encode(head);
        SparseVector last = encoder.encode(tail);
        int stadium = encoder.vocabulary().id("stadium").orElseThrow();
        int weather = encoder.vocabulary().id("weather").orElseThrow();
        // Both ends of a text far longer than one window are represented.
        assertEquals(true, whole.weightOf(stadium) > 0.5, "a term of the last window is kept");
        assertEquals(true, whole.weightOf(weather) > 1.0, "a term of the first window is kept");
        assertEquals(true, first.weightOf(stadium) == 0f && last.weightOf(weather) == 0f);
    }

    @Test
    void aTextWithinTheModelsMaxLengthIsOneWindowAndALongerOneEqualWindows() {
        SpladeEncoder encoder = windowed;
        String sentence = "Nothing of note happened in the quiet town. ";
        int perSentence = encoder.tokenIds(sentence).length;
        String fits = sentence.repeat(500 / perSentence);
        List<long[]> one = encoder.windowed(fits).windows();
        assertEquals(1, one.size(), "the default window is the model's max length (512), not 256");
        assertEquals(encoder.tokenIds(fits).length + 2, one.get(0).length);
        List<long[]> two = encoder.windowed(sentence.repeat(600 / perSentence)).windows();
        assertEquals(2, two.size());
        assertEquals(two.get(0).length, two.get(1).length, "balanced windows, not a full one and a stub");
    }

    @Test
    void theTokenBudgetCutsModelRunsWithoutChangingVectors() {
        List<String> texts = List.of(SENTENCES.get(0), SENTENCES.get(1), SENTENCES.get(2), "A quiet afternoon in the library.");
        EncoderSettings tight = EncoderSettings.from(TestModels.config().with(EncoderSettings.RUN_TOKENS, "12"));
        try (SpladeEncoder small = SpladeEncoder.open(tight)) {
            List<SparseVector> cut = small.encode(texts);
            assertEquals(4, small.stats().modelRuns(), "windows of 8 or 9 tokens: one per run of at most 12 padded tokens");
            List<SparseVector> whole = encoder.encode(texts);
            for (int t = 0; t < texts.size(); t++) {
                for (int i = 0; i < whole.get(t).size(); i++) {
                    assertEquals(whole.get(t).weightAt(i), cut.get(t).weightOf(whole.get(t).idAt(i)), 1e-4);
                }
            }
        }
    }
}
