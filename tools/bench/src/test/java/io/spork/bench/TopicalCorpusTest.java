package io.spork.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The topical corpus on a fixture of its own: two clear topics of real-looking vectors. */
class TopicalCorpusTest {
    /** Topic A uses terms 0..39, topic B terms 1000..1039; each document 12 terms of its topic. */
    private static List<SparseVector> fixture(int perTopic) {
        Random random = new Random(11);
        List<SparseVector> docs = new ArrayList<>();
        for (int d = 0; d < 2 * perTopic; d++) {
            int offset = d % 2 == 0 ? 0 : 1000;
            int[] ids = random.ints(0, 40).distinct().limit(12).map(i -> i + offset).sorted().toArray();
            float[] weights = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                weights[i] = 0.1f + random.nextFloat();
            }
            docs.add(new SparseVector(ids, weights));
        }
        return docs;
    }

    private static List<SparseVector> queries() {
        return List.of(new SparseVector(new int[] {1, 2, 3}, new float[] {1f, 0.5f, 0.25f}),
                new SparseVector(new int[] {1001, 1005}, new float[] {0.8f, 0.4f}));
    }

    @Test
    void kMeansSeparatesTheTopicsAndDocumentsKeepTheirCoOccurrence() {
        TopicalCorpus corpus = TopicalCorpus.of(fixture(40), queries(), 2, 5);
        assertEquals(2, corpus.topicCount());
        int mixed = 0;
        double mainShare = 0;
        for (long i = 0; i < 300; i++) {
            SparseVector d = corpus.document(i);
            assertEquals(12, d.size(), "a member's length (every fixture document has 12 terms), got " + d);
            long inA = Arrays.stream(d.ids()).filter(t -> t < 1000).count();
            // A document mixes its main topic (share 0.6..1) with a second one: most terms from one topic.
            mainShare += (double) Math.max(inA, d.size() - inA) / d.size() / 300;
            if (inA > 0 && inA < d.size()) {
                mixed++;
            }
        }
        assertTrue(mixed > 0 && mixed < 300, "some documents mix two topics, not all: " + mixed);
        assertTrue(mainShare > 0.8, "terms co-occur within a topic: on average " + mainShare + " of a document's terms from one");
    }

    @Test
    void documentsAndQueriesAreFunctionsOfTheSeedAndQueriesAreRealOnesJittered() {
        TopicalCorpus a = TopicalCorpus.of(fixture(40), queries(), 2, 5);
        TopicalCorpus b = TopicalCorpus.of(fixture(40), queries(), 2, 5);
        assertEquals(a.document(17), b.document(17));
        assertEquals(a.query(3), b.query(3));
        assertTrue(!a.document(17).equals(a.reseeded(6).document(17)));
        for (long j = 0; j < 20; j++) {
            SparseVector q = a.query(j);
            SparseVector real = q.idAt(0) == 1 ? queries().get(0) : queries().get(1);
            assertArrayEquals(real.ids(), q.ids());
            for (int i = 0; i < q.size(); i++) {
                float ratio = q.weightAt(i) / real.weightAt(i);
                assertTrue(ratio >= 0.79f && ratio <= 1.21f, "weight jittered within 0.8..1.2: " + ratio);
            }
        }
    }

    private static void assertArrayEquals(int[] expected, int[] actual) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
    }
}
