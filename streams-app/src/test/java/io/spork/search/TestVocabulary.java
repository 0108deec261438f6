package io.spork.search;

import io.spork.encoder.Vocabulary;
import io.spork.testing.TestModels;

/** The bundled model's WordPiece vocabulary, read once (no model run). */
final class TestVocabulary {
    private static Vocabulary shared;

    private TestVocabulary() {
    }

    static synchronized Vocabulary get() {
        if (shared == null) {
            shared = Vocabulary.read(TestModels.spladeTiny().resolve("tokenizer.json"), 30522);
        }
        return shared;
    }
}
