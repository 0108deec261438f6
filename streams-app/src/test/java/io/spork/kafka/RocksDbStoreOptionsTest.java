package io.spork.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.index.DocumentStore;
import io.spork.index.PostingStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class RocksDbStoreOptionsTest {
    static {
        RocksDB.loadLibrary();
    }

    @Test
    void everyStoreCompressesAndThePostingStoreCompactsByLevelAtEachFlush() {
        try (Options postings = new Options().setCompactionStyle(CompactionStyle.UNIVERSAL);
             Options documents = new Options().setCompactionStyle(CompactionStyle.UNIVERSAL)) {
            RocksDbStoreOptions setter = new RocksDbStoreOptions();
            setter.setConfig(PostingStore.NAME, postings, Map.of());
            setter.setConfig(DocumentStore.NAME, documents, Map.of());
            assertEquals(CompressionType.LZ4_COMPRESSION, postings.compressionType());
            assertEquals(CompressionType.LZ4_COMPRESSION, documents.compressionType());
            assertEquals(CompactionStyle.LEVEL, postings.compactionStyle());
            assertEquals(1, postings.level0FileNumCompactionTrigger());
            org.junit.jupiter.api.Assertions.assertTrue(postings.levelCompactionDynamicLevelBytes());
            assertEquals(CompactionStyle.UNIVERSAL, documents.compactionStyle(), "other stores keep Kafka Streams' compaction");
        }
    }

    @Test
    void isTheSetterOfTheIndexStagesStreams() {
        Object setter = KafkaSettings.from(io.spork.config.SporkConfig.defaults().with(KafkaSettings.BOOTSTRAP_SERVERS, "localhost:9092"))
                .streams(java.nio.file.Path.of("state"), "localhost:0", 1, java.time.Duration.ofMillis(50))
                .get(org.apache.kafka.streams.StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG);
        assertEquals(RocksDbStoreOptions.class, setter);
    }
}
