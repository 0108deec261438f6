package io.spork.topology;

import io.spork.config.ConfigKeys;
import io.spork.config.SporkConfig;
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
    static EncodeBatching from(SporkConfig config) {
        return new EncodeBatching(config.getInt(ConfigKeys.ENCODER_MAX_BATCH_SIZE), config.getInt(ConfigKeys.ENCODER_BATCH_TOKENS),
                Duration.ofMillis(config.getLong(ConfigKeys.ENCODER_MAX_WAIT_MS)), config.getInt(ConfigKeys.ENCODER_PIPELINE_DEPTH));
    }

    boolean isFull(int documents, int tokens) {
        return documents >= maxDocuments || tokens >= maxTokens;
    }
}
