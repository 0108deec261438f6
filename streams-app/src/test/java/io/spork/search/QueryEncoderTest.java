package io.spork.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.encoder.Vocabulary;
import io.spork.schema.SparseVector;
import io.spork.schema.search.QueryTerm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Raw-term validation, tokens and ids, the description of a vector and its snippet words; text goes to the encoder given. */
class QueryEncoderTest {
    private final Vocabulary vocabulary = TestVocabulary.get();
    private final SparseVector encoded = new SparseVector(new int[] {1, 2}, new float[] {1, 2});
    private final QueryEncoder queries = new QueryEncoder(text -> encoded, vocabulary, 3);

    private static Map<String, Double> terms(Object... keysAndWeights) {
        Map<String, Double> terms = new LinkedHashMap<>();
        for (int i = 0; i < keysAndWeights.length; i += 2) {
            terms.put((String) keysAndWeights[i], ((Number) keysAndWeights[i + 1]).doubleValue());
        }
        return terms;
    }

    @Test
    void textGoesThroughTheEncoder() {
        assertSame(encoded, queries.fromText("anything"));
    }

    @Test
    void termsAreTokensOrIdsUnknownKeysAreLeftOutAndATokenGivenTwiceAddsUp() {
        int weather = vocabulary.id("weather").getAsInt();
        SparseVector v = queries.fromTerms(terms("weather", 1.5, Integer.toString(weather), 0.5, "no-such-token-xyz", 2.0));
        assertEquals(1, v.size());
        assertEquals(weather, v.idAt(0));
        assertEquals(2.0f, v.weightAt(0));
        assertEquals(Float.MIN_VALUE, queries.fromTerms(terms("weather", 1e-60)).weightAt(0), "too small for a float: the smallest one");
        assertEquals(0, queries.fromTerms(terms("99999999", 1.0)).size(), "an id outside the vocabulary matches nothing");
    }

    @Test
    void badTermsAreRefusedWithTheirReason() {
        RequestException empty = assertThrows(RequestException.class, () -> queries.fromTerms(Map.of()));
        assertEquals(RequestException.Reason.INVALID, empty.reason());
        assertTrue(empty.getMessage().startsWith("'terms' must be a non-empty object"), empty.getMessage());
        assertThrows(RequestException.class, () -> queries.fromTerms(null));
        assertEquals("'terms' has 4 entries; at most 3",
                assertThrows(RequestException.class, () -> queries.fromTerms(terms("a", 1, "b", 1, "c", 1, "d", 1))).getMessage());
        for (double bad : new double[] {0, -1, Double.NaN, 1e31, Double.POSITIVE_INFINITY}) {
            RequestException e = assertThrows(RequestException.class, () -> queries.fromTerms(terms("weather", 1, "rain", bad)));
            assertEquals("weight of term 'rain' must be a number > 0 and at most 1.0E30", e.getMessage());
        }
    }

    @Test
    void aVectorIsDescribedByTokensBestFirstAndItsWholeWordsPickSnippets() {
        int rain = vocabulary.id("rain").getAsInt();
        int piece = vocabulary.id("##ing").getAsInt();
        int cls = vocabulary.id("[CLS]").getAsInt();
        int[] ids = {rain, piece, cls};
        java.util.Arrays.sort(ids);
        float[] weights = new float[3];
        for (int i = 0; i < 3; i++) {
            weights[i] = ids[i] == rain ? 0.5f : ids[i] == piece ? 2f : 1f;
        }
        SparseVector v = new SparseVector(ids, weights);
        assertEquals(List.of(new QueryTerm("##ing", piece, 2f), new QueryTerm("[CLS]", cls, 1f), new QueryTerm("rain", rain, 0.5f)),
                queries.describe(v));
        assertEquals(Set.of("rain"), queries.snippetWords(v), "WordPiece continuations and specials are no words");
    }
}
