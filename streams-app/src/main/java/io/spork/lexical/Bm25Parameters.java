package io.spork.lexical;

/** BM25's term-frequency saturation k1 and length normalisation b (Pyserini's BEIR defaults: 0.9 and 0.4). */
public record Bm25Parameters(float k1, float b) {
    public static final Bm25Parameters DEFAULT = new Bm25Parameters(0.9f, 0.4f);

    public Bm25Parameters {
        if (!(k1 >= 0) || Float.isInfinite(k1)) {
            throw new IllegalArgumentException("bm25.k1 must be a finite number >= 0, got " + k1);
        }
        if (!(b >= 0 && b <= 1)) {
            throw new IllegalArgumentException("bm25.b must be between 0 and 1, got " + b);
        }
    }
}
