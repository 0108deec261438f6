package io.spork.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import io.spork.testing.TestModels;
import org.junit.jupiter.api.Test;

class InferenceFreeQueryEncoderTest {
    @Test
    void queryIsItsTokensWithoutExpansion() {
        SpladeEncoder encoder = TestModels.sharedEncoder();
        SparseVector q = InferenceFreeQueryEncoder.of(encoder).encode("The weather, the weather!");
        Vocabulary v = encoder.vocabulary();
        assertEquals(1.0f, q.weightOf(v.id("weather").orElseThrow()));
        assertEquals(1.0f, q.weightOf(v.id("the").orElseThrow()), "repeated tokens count once");
        assertEquals(0f, q.weightOf(v.id("today").orElseThrow()), "no model expansion");
        assertTrue(encoder.encode("The weather, the weather!").size() > q.size(), "the model expands, the tokenizer does not");
    }
}
