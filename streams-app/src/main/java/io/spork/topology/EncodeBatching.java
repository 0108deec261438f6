package io.spork.topology;

import io.spork.encoder.EncoderSettings;
import java.time.Duration;

/**
 * When an encode batch closes, and how many may be out at once (config/spork.properties, "Encoder").
 *
 * @param maxDocuments  a batch closes at this many documents...
 * @param maxTokens     ...or at this many tokens of its documents...
 * @param maxWait       ...or when its oldest document has waited this long
 * @param pipelineDepth batches of one partition the model thread may hold at once
 */
record EncodeBatching(int maxDocuments, int maxTokens, Duration maxWait, int pipelineDepth) {
    static EncodeBatching from(EncoderSettings encoder) {
        return new EncodeBatching(encoder.batchDocuments(), encoder.batchTokens(), Duration.ofMillis(encoder.maxWaitMs()),
                encoder.pipelineDepth());
    }

    boolean isFull(int documents, int tokens) {
        return documents >= maxDocuments || tokens >= maxTokens;
    }
}
