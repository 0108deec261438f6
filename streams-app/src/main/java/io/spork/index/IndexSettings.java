package io.spork.index;

/**
 * How a partition's index seals and merges segments (config/spork.properties, section "index").
 *
 * @param sealDocuments    the growing segment is sealed when it holds this many documents
 * @param sealMs           ... or when its first document is this old (checked on writes and on the wall-clock tick)
 * @param mergeFactor      segments of one size tier merged at once
 * @param mergeDeletedRatio a segment with this share of dead documents (deleted or updated) is rewritten without them
 * @param maxMergedDocuments no merge produces a segment larger than this many documents
 * @param windowShift      log2 of the ordinals per pruning window of the scorer
 */
public record IndexSettings(int sealDocuments, long sealMs, int mergeFactor, double mergeDeletedRatio, int maxMergedDocuments,
                            int windowShift) {
    public static final IndexSettings DEFAULTS = new IndexSettings(10_000, 1_000, 10, 0.3, 500_000, SegmentScorer.WINDOW_SHIFT);

    /** The settings of config/spork.properties' "index" section. */
    public static IndexSettings from(io.spork.config.SporkConfig config) {
        String ratio = config.get(io.spork.config.ConfigKeys.INDEX_MERGE_DELETED_RATIO);
        double deletedRatio;
        try {
            deletedRatio = Double.parseDouble(ratio);
        } catch (NumberFormatException e) {
            throw new io.spork.config.ConfigException(io.spork.config.ConfigKeys.INDEX_MERGE_DELETED_RATIO + " must be a number in (0, 1], got '" + ratio + "'");
        }
        return new IndexSettings(config.getInt(io.spork.config.ConfigKeys.INDEX_SEAL_DOCUMENTS), config.getLong(io.spork.config.ConfigKeys.INDEX_SEAL_MS),
                config.getInt(io.spork.config.ConfigKeys.INDEX_MERGE_FACTOR), deletedRatio,
                config.getInt(io.spork.config.ConfigKeys.INDEX_MAX_MERGED_DOCUMENTS), SegmentScorer.WINDOW_SHIFT);
    }

    public IndexSettings {
        if (sealDocuments < 1 || sealMs < 1 || mergeFactor < 2 || !(mergeDeletedRatio > 0 && mergeDeletedRatio <= 1)
                || maxMergedDocuments < sealDocuments || windowShift < 3 || windowShift > 20) {
            throw new IllegalArgumentException("invalid index settings " + this
                    + ": seal documents >= 1, seal ms >= 1, merge factor >= 2, deleted ratio in (0, 1], max merged >= seal documents, window shift 3..20");
        }
    }
}
