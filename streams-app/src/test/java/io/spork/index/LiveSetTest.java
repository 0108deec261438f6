package io.spork.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A live set is persistent: marking an ordinal dead or growing the set leaves the old one as it was. */
class LiveSetTest {
    @Test
    void withoutReturnsANewSetAndLeavesThisOne() {
        LiveSet all = LiveSet.allLive(10_000);
        LiveSet fewer = all.without(4097).without(3);
        assertTrue(all.get(4097) && all.get(3), "the old set");
        assertFalse(fewer.get(4097) || fewer.get(3));
        assertTrue(fewer.get(4096) && fewer.get(4098) && fewer.get(9_999));
        assertEquals(2, fewer.deadCount());
        assertEquals(9_998, fewer.liveCount());
        assertSame(fewer, fewer.without(3), "already dead");
    }

    @Test
    void growsWithNewOrdinalsLiveAndKeepsItsDeadOnes() {
        LiveSet small = LiveSet.allLive(2).without(1);
        LiveSet grown = small.grownTo(5_000);
        assertEquals(5_000, grown.size());
        assertFalse(grown.get(1));
        assertTrue(grown.get(4_999));
        assertEquals(1, grown.deadCount());
        assertSame(grown, grown.grownTo(10), "never shrinks");
        assertEquals(2, small.size());
    }
}
