package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.config.ConfigKeys;
import io.spork.encoder.EncoderSettings;
import io.spork.encoder.SpladeEncoder;
import io.spork.schema.SparseVector;
import io.spork.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks' peer does the same work as Spork's encoder: the same vectors, to float rounding. */
class PlainOrtLoopTest {
    @Test
    void plainLoopGivesSporksVectorsWhateverTheBatches() throws Exception {
        String longText = "The weather is lovely today. " + "Nothing of note happened in the quiet town. ".repeat(80) + "He drove to the stadium.";
        List<String> texts = List.of("He drove to the stadium.", longText, "It's so sunny outside!", "A quiet afternoon in the library.");
        EncoderSettings settings = EncoderSettings.from(TestModels.config().with(ConfigKeys.ENCODER_MAX_WINDOWS, "16"));
        try (SpladeEncoder encoder = SpladeEncoder.open(settings); PlainOrtLoop loop = new PlainOrtLoop(settings)) {
            List<SparseVector> expected = encoder.encode(texts);
            for (int rows : new int[] {1, 2, 16}) {
                List<SparseVector> got = loop.encode(texts, rows, rows == 2 ? 600 : Long.MAX_VALUE);
                for (int t = 0; t < texts.size(); t++) {
                    assertSameVector(expected.get(t), got.get(t), "text " + t + ", batches of " + rows);
                }
            }
            assertTrue(encoder.windowed(longText).windows().size() > 1, "the long text is read in several windows");
        }
    }

    @Test
    void maxPoolingKeepsTheLargerWeightOfEachTerm() {
        SparseVector a = new SparseVector(new int[] {1, 5, 9}, new float[] {0.5f, 2f, 1f});
        SparseVector b = new SparseVector(new int[] {0, 5, 9, 12}, new float[] {1f, 1f, 3f, 0.25f});
        SparseVector pooled = PlainOrtLoop.maxPooled(a, b);
        assertEquals(new SparseVector(new int[] {0, 1, 5, 9, 12}, new float[] {1f, 0.5f, 2f, 3f, 0.25f}), pooled);
    }

    /** Every term of either vector has the same weight in both (a term within rounding of 0 may be absent from one). */
    private static void assertSameVector(SparseVector expected, SparseVector actual, String what) {
        assertTrue(expected.size() > 10, what + ": a real vector");
        for (SparseVector v : List.of(expected, actual)) {
            for (int i = 0; i < v.size(); i++) {
                int id = v.idAt(i);
                assertEquals(expected.weightOf(id), actual.weightOf(id), 1e-4, what + ", term " + id);
            }
        }
    }
}
