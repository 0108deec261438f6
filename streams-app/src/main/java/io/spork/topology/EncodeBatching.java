package io.spork.topology;

import io.spork.encoder.EncoderSettings;
import java.time.Duration;

/**
 * When an encode batch closes, how many may be out at once, and how large a backlog may wait
 * (config/spork.properties, "Encoder").
 *
 * @param maxDocuments   a batch closes at this many documents...
 * @param maxTokens      ...or at this many tokens of its documents...
 * @param maxWait        ...or when its oldest document has waited this long
 * @param pipelineDepth  batches of one partition the model thread may hold at once
 * @param backlogBatches batches' worth of documents that may wait, beside those, before the stream
 *                       thread waits for the model: the next batch is cut from them by length
 */
record EncodeBatching(int maxDocuments, int maxTokens, Duration maxWait, int pipelineDepth, int backlogBatches) {
    static EncodeBatching from(EncoderSettings encoder) {
        return new EncodeBatching(encoder.batchDocuments(), encoder.batchTokens(), Duration.ofMillis(encoder.maxWaitMs()),
                encoder.pipelineDepth(), encoder.backlogBatches());
    }

    boolean isFull(int documents, int tokens) {
        return documents >= maxDocuments || tokens >= maxTokens;
    }

    /** Whether this many waiting documents are as much as may wait while the pipeline is full. */
    boolean backlogFull(int documents, int tokens) {
        return documents >= (long) backlogBatches * maxDocuments || tokens >= (long) backlogBatches * maxTokens;
    }
}
