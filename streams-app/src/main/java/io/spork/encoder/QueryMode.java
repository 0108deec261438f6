package io.spork.encoder;

/** How queries are encoded: by the document model, or from the tokens alone (no model run). */
public enum QueryMode {
    /** The same SPLADE model as the documents. */
    MODEL,
    /** Tokens weighted by the model directory's query_token_weights.json (else 1.0). */
    INFERENCE_FREE
}
