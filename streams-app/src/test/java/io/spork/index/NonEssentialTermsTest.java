package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spork.schema.SparseVector;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * MaxScore inside windows: the split leaves out the lightest terms, and with any share of the cut
 * every live document that can reach the cut is still a candidate, with an upper bound at least
 * its exact score, whether its terms were added, looked up in blocks, or carried from the window
 * before.
 */
class NonEssentialTermsTest {
    @Test
    void theSplitLeavesOutTheLightestTermsWhoseBoundsStayBelowTheShareOfTheCut() {
        WindowScratch scratch = new WindowScratch(3, 4, 0.5f);
        scratch.windowBound[0] = 3f;
        scratch.windowBound[1] = 0.5f;
        scratch.windowBound[2] = 2f;
        scratch.windowBound[3] = 1f;
        // Ascending: 0.5 (term 1), 1 (term 3), 2 (term 2), 3 (term 0); half the cut of 6 is 3: 0.5 + 1 stays below, + 2 does not.
        assertEquals(2, NonEssentialTerms.split(scratch, 4, 1f, 6f));
        assertEquals(1, scratch.byBound[0]);
        assertEquals(3, scratch.byBound[1]);
        assertEquals(2, scratch.byBound[2]);
        assertEquals(0, scratch.byBound[3]);
        assertEquals(0, NonEssentialTerms.split(scratch, 4, 1f, 0f), "no cut yet: every term is essential");
    }

    @Test
    void everyDocumentThatCanReachTheFloorIsACandidateWhateverTheShare() {
        Random random = new Random(13);
        long pending = 0;
        long refinedBlocks = 0;
        long checked = 0;
        for (int round = 0; round < 60; round++) {
            int documents = 50 + random.nextInt(400);
            int vocabulary = 6 + random.nextInt(30);
            SegmentBuilder builder = new SegmentBuilder();
            Map<Integer, SparseVector> vectors = new HashMap<>();
            for (int d = 0; d < documents; d++) {
                SparseVector v = vector(random, vocabulary, 1 + random.nextInt(6));
                int ordinal = builder.document("d" + d, d, v.size());
                for (int i = 0; i < v.size(); i++) {
                    builder.posting(v.idAt(i), ordinal, v.weightAt(i));
                }
                vectors.put(ordinal, v);
            }
            SealedSegment segment = builder.build(0);
            LiveSet live = LiveSet.allLive(documents);
            for (int dead = 0; dead < documents / 10; dead++) {
                live = live.without(random.nextInt(documents));
            }
            SparseVector query = vector(random, vocabulary, 2 + random.nextInt(8));
            float[] exact = new float[documents];
            float best = 0f;
            for (int d = 0; d < documents; d++) {
                exact[d] = ExactScore.of(query, vectors.get(d));
                best = Math.max(best, live.get(d) ? exact[d] : 0f);
            }
            float floor = best * (0.3f + 0.6f * random.nextFloat());
            int shift = 2 + random.nextInt(4);
            for (float share : new float[] {0f, NonEssentialTerms.SHARE_OF_CUT, 0.999f}) {
                Candidates candidates = new Candidates();
                SearchStats stats = new SearchStats();
                // Many lower bounds kept, so the cut stays the floor and every reaching document must be a candidate.
                WindowScorer.score(0, segment, live, query, shift, WindowScorer.slack(query.size()), floor,
                        new WindowScratch(shift, query.size(), share), new LowerBounds(documents + 1), candidates, stats);
                Map<Integer, Float> upper = new TreeMap<>();
                for (int c = 0; c < candidates.size; c++) {
                    upper.put(candidates.ordinal[c], candidates.upper[c]);
                }
                for (int d = 0; d < documents; d++) {
                    if (live.get(d) && exact[d] >= floor) {
                        assertTrue(upper.containsKey(d), "share " + share + ", round " + round + ": d" + d + " scores " + exact[d]
                                + " >= floor " + floor + " but is no candidate");
                        assertTrue(upper.get(d) >= exact[d], "upper bound of d" + d);
                        checked++;
                    }
                }
                for (int d : upper.keySet()) {
                    assertTrue(live.get(d), "a dead document is no candidate");
                }
                if (share > 0f) {
                    pending += stats.pending();
                    refinedBlocks += stats.refinedBlocks();
                } else {
                    assertEquals(0, stats.pending(), "share 0 adds every term");
                }
            }
        }
        assertTrue(checked > 500, "documents checked: " + checked);
        assertTrue(pending > 100, "documents refined against non-essential terms: " + pending);
        assertTrue(refinedBlocks > 100, "non-essential blocks looked up: " + refinedBlocks);
    }

    private static SparseVector vector(Random random, int vocabulary, int terms) {
        Map<Integer, Float> weights = new TreeMap<>();
        for (int i = 0; i < terms; i++) {
            // Skewed: a few heavy weights among many light ones, as SPLADE's are.
            float w = random.nextInt(4) == 0 ? 1f + random.nextFloat() * 3f : 0.01f + random.nextFloat() * 0.3f;
            weights.put(random.nextInt(vocabulary), w);
        }
        return SparseVector.fromSorted(new TreeMap<>(weights));
    }
}
