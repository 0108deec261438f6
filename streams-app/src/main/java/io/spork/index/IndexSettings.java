package io.spork.index;

import io.spork.config.ConfigException;
import io.spork.config.SettingKeys;
import io.spork.config.SporkConfig;

/**
 * How a partition's index seals and merges segments (config/spork.properties, section "index").
 *
 * @param sealDocuments    the growing segment is sealed when it holds this many documents
 * @param sealMs           ... or when its first document is this old (checked on writes and on the wall-clock tick)
 * @param mergeFactor      segments of one size tier merged at once
 * @param mergeDeletedRatio a segment with this share of dead documents (deleted or updated) is rewritten without them
 * @param maxMergedDocuments no merge produces a segment larger than this many documents
 * @param windowShift      log2 of the ordinals per pruning window of the scorer
 * @param mergeCoreShare   the share of one core a merge may take while searches run ({@link MergeThrottle}), in (0, 1]; 1: never paced
 * @param mergePacedSegments merges are paced only while the partition holds at most this many sealed segments (beyond: flat out, to catch up)
 */
public record IndexSettings(int sealDocuments, long sealMs, int mergeFactor, double mergeDeletedRatio, int maxMergedDocuments,
                            int windowShift, double mergeCoreShare, int mergePacedSegments) {
    public static final String SEAL_DOCUMENTS = "index.seal-documents";
    public static final String SEAL_MS = "index.seal-ms";
    public static final String MERGE_FACTOR = "index.merge-factor";
    public static final String MERGE_DELETED_RATIO = "index.merge-deleted-ratio";
    public static final String MAX_MERGED_DOCUMENTS = "index.max-merged-documents";
    public static final String MERGE_CORE_SHARE = "index.merge-core-share";
    public static final String MERGE_PACED_SEGMENTS = "index.merge-paced-segments";
    public static final SettingKeys KEYS = SettingKeys.of("IndexSettings", SEAL_DOCUMENTS, SEAL_MS, MERGE_FACTOR,
            MERGE_DELETED_RATIO, MAX_MERGED_DOCUMENTS, MERGE_CORE_SHARE, MERGE_PACED_SEGMENTS);

    /** The documented defaults of config/spork.properties. */
    public static final IndexSettings DEFAULTS = from(SporkConfig.defaults());

    /** The settings of config/spork.properties' "index" section, each checked with its key named. */
    public static IndexSettings from(SporkConfig config) {
        int sealDocuments = config.intAtLeast(SEAL_DOCUMENTS, 1);
        long sealMs = config.longAtLeast(SEAL_MS, 1);
        int mergeFactor = config.intAtLeast(MERGE_FACTOR, 2);
        double deletedRatio = config.getDouble(MERGE_DELETED_RATIO);
        if (!(deletedRatio > 0 && deletedRatio <= 1)) {
            throw new ConfigException(MERGE_DELETED_RATIO + " must be a number in (0, 1], got " + config.get(MERGE_DELETED_RATIO));
        }
        int maxMerged = config.getInt(MAX_MERGED_DOCUMENTS);
        if (maxMerged < sealDocuments) {
            throw new ConfigException(MAX_MERGED_DOCUMENTS + " must be >= " + SEAL_DOCUMENTS + " (" + sealDocuments + "), got " + maxMerged);
        }
        double coreShare = config.getDouble(MERGE_CORE_SHARE);
        if (!(coreShare > 0 && coreShare <= 1)) {
            throw new ConfigException(MERGE_CORE_SHARE + " must be a number in (0, 1], got " + config.get(MERGE_CORE_SHARE));
        }
        int pacedSegments = config.intAtLeast(MERGE_PACED_SEGMENTS, 1);
        return new IndexSettings(sealDocuments, sealMs, mergeFactor, deletedRatio, maxMerged, SegmentScorer.WINDOW_SHIFT, coreShare,
                pacedSegments);
    }

    /** Settings whose merges are not throttled (tests, tools that build an index alone). */
    public IndexSettings(int sealDocuments, long sealMs, int mergeFactor, double mergeDeletedRatio, int maxMergedDocuments, int windowShift) {
        this(sealDocuments, sealMs, mergeFactor, mergeDeletedRatio, maxMergedDocuments, windowShift, 1.0, Integer.MAX_VALUE);
    }

    public IndexSettings {
        if (sealDocuments < 1 || sealMs < 1 || mergeFactor < 2 || !(mergeDeletedRatio > 0 && mergeDeletedRatio <= 1)
                || maxMergedDocuments < sealDocuments || windowShift < 3 || windowShift > 20
                || !(mergeCoreShare > 0 && mergeCoreShare <= 1) || mergePacedSegments < 1) {
            throw new IllegalArgumentException("invalid index settings " + this
                    + ": seal documents >= 1, seal ms >= 1, merge factor >= 2, deleted ratio in (0, 1], max merged >= seal documents, window shift 3..20, merge core share in (0, 1], paced segments >= 1");
        }
    }
}
