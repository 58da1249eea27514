package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SequenceTrackerTest {

    @Test
    void inOrderAcrossTheWrap() {
        SequenceTracker t = new SequenceTracker();
        for (int i = 65_530; i < 65_550; i++) {
            assertEquals(0, t.accept(i & 0xffff));
        }
    }

    @Test
    void gapsLateAndDuplicates() {
        SequenceTracker t = new SequenceTracker();
        assertEquals(0, t.accept(65_535));
        assertEquals(2, t.accept(2), "0 and 1 missing, across the wrap");
        assertEquals(SequenceTracker.DROP, t.accept(1), "late");
        assertEquals(SequenceTracker.DROP, t.accept(2), "duplicate");
        assertEquals(0, t.accept(3));
        assertEquals(SequenceTracker.MAX_DROPOUT - 1, t.accept(3 + SequenceTracker.MAX_DROPOUT));
    }

    @Test
    void bigJumpIsBelievedOnlyWhenTheNextPacketFollowsIt() {
        SequenceTracker t = new SequenceTracker();
        t.accept(100);
        assertEquals(SequenceTracker.DROP, t.accept(40_000), "stray");
        assertEquals(0, t.accept(101), "the old stream goes on");
        assertEquals(SequenceTracker.DROP, t.accept(40_000));
        assertEquals(SequenceTracker.RESYNC, t.accept(40_001), "restarted sender");
        assertEquals(0, t.accept(40_002));
        assertEquals(SequenceTracker.DROP, t.accept(40_002 - SequenceTracker.MAX_MISORDER + 1));
    }

    @Test
    void resetTakesTheNextPacketAsFirst() {
        SequenceTracker t = new SequenceTracker();
        t.accept(5);
        t.reset();
        assertEquals(0, t.accept(30_000));
        assertEquals(0, t.accept(30_001));
    }
}
