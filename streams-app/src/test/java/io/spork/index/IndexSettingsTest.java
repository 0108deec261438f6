package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spork.config.SporkConfig;
import io.spork.config.TestConfigs;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IndexSettingsTest {
    private static IndexSettings read(Map<String, String> values) {
        return IndexSettings.from(TestConfigs.with(values));
    }

    @Test
    void theDocumentedDefaults() {
        IndexSettings s = IndexSettings.from(SporkConfig.defaults());
        assertEquals(new IndexSettings(10_000, 1_000, 10, 0.3, 500_000, SegmentScorer.WINDOW_SHIFT, 0.25, 30), s);
        assertEquals(s, IndexSettings.DEFAULTS);
    }

    @Test
    void valuesAreRead() {
        IndexSettings s = read(Map.of(IndexSettings.SEAL_DOCUMENTS, "50", IndexSettings.SEAL_MS, "7", IndexSettings.MERGE_FACTOR, "3",
                IndexSettings.MERGE_DELETED_RATIO, "1", IndexSettings.MAX_MERGED_DOCUMENTS, "50", IndexSettings.MERGE_CORE_SHARE, "0.25", IndexSettings.MERGE_PACED_SEGMENTS, "4"));
        assertEquals(new IndexSettings(50, 7, 3, 1.0, 50, SegmentScorer.WINDOW_SHIFT, 0.25, 4), s);
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(IndexSettings.SEAL_DOCUMENTS, "0", "index.seal-documents must be >= 1, got 0"),
                Arguments.of(IndexSettings.SEAL_MS, "0", "index.seal-ms must be >= 1, got 0"),
                Arguments.of(IndexSettings.MERGE_FACTOR, "1", "index.merge-factor must be >= 2, got 1"),
                Arguments.of(IndexSettings.MERGE_DELETED_RATIO, "0", "index.merge-deleted-ratio must be a number in (0, 1], got 0"),
                Arguments.of(IndexSettings.MERGE_DELETED_RATIO, "1.5", "index.merge-deleted-ratio must be a number in (0, 1], got 1.5"),
                Arguments.of(IndexSettings.MERGE_DELETED_RATIO, "a third", "index.merge-deleted-ratio must be a number, got 'a third'"),
                Arguments.of(IndexSettings.MAX_MERGED_DOCUMENTS, "9999", "index.max-merged-documents must be >= index.seal-documents (10000), got 9999"),
                Arguments.of(IndexSettings.MERGE_CORE_SHARE, "0", "index.merge-core-share must be a number in (0, 1], got 0"),
                Arguments.of(IndexSettings.MERGE_CORE_SHARE, "1.5", "index.merge-core-share must be a number in (0, 1], got 1.5"),
                Arguments.of(IndexSettings.MERGE_PACED_SEGMENTS, "0", "index.merge-paced-segments must be >= 1, got 0"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueIsRefusedWithTheKeyAndWhatItNeeds(String key, String value, String message) {
        assertEquals(message, TestConfigs.refusal(IndexSettings::from, key, value));
    }
}
