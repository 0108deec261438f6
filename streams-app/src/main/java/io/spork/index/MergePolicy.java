package io.spork.index;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Picks the next merge, tiered as Lucene's TieredMergePolicy: segments are grouped in tiers of
 * live size (seal size times powers of the merge factor) and a tier that holds merge-factor
 * segments is merged into one; a segment whose dead share (deletes and updates alike) reaches the
 * ratio is rewritten without its dead documents, with the smallest others of its tier.
 */
final class MergePolicy {
    private final IndexSettings settings;

    MergePolicy(IndexSettings settings) {
        this.settings = settings;
    }

    /** The positions (in the view's segment list) to merge, or an empty list. */
    List<Integer> pick(List<SealedSegment> segments, List<LiveSet> live) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> live.get(i).liveCount()));
        for (int i : order) {
            LiveSet l = live.get(i);
            if (l.size() > 0 && l.deadCount() >= settings.mergeDeletedRatio() * l.size()) {
                List<Integer> merge = new ArrayList<>(List.of(i));
                long docs = l.liveCount();
                for (int j : order) {
                    if (j != i && merge.size() < settings.mergeFactor() && tier(live.get(j).liveCount()) <= tier(l.liveCount())
                            && docs + live.get(j).liveCount() <= settings.maxMergedDocuments()) {
                        merge.add(j);
                        docs += live.get(j).liveCount();
                    }
                }
                return merge;
            }
        }
        for (int from = 0; from + settings.mergeFactor() <= order.size(); from++) {
            int tier = tier(live.get(order.get(from)).liveCount());
            int to = from + settings.mergeFactor();
            if (tier(live.get(order.get(to - 1)).liveCount()) != tier) {
                continue;
            }
            long docs = 0;
            for (int p = from; p < to; p++) {
                docs += live.get(order.get(p)).liveCount();
            }
            if (docs <= settings.maxMergedDocuments()) {
                return new ArrayList<>(order.subList(from, to));
            }
        }
        return List.of();
    }

    private int tier(int liveDocs) {
        int tier = 0;
        long size = settings.sealDocuments();
        while (liveDocs > size) {
            size *= settings.mergeFactor();
            tier++;
        }
        return tier;
    }
}
