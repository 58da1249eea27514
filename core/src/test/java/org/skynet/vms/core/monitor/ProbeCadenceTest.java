package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeCadenceTest {
    private static final int CAMERAS = 10_000;

    @Test
    void firstProbeChecksThenOneInEveryFive() {
        ProbeCadence cadence = new ProbeCadence(5, 1);
        assertTrue(cadence.due("cam-1", 0), "the first probe, or the one after a probe that was not OK, checks");
        for (int cycle = 0; cycle < 4; cycle++) {
            int checks = 0;
            for (int probe = 1; probe <= 5; probe++) {
                if (cadence.due("cam-1", cycle * 5 + probe)) {
                    checks++;
                }
            }
            assertEquals(1, checks, "one check in every five probes, cycle " + cycle);
        }
    }

    @Test
    void everyProbeChecksWhenEveryIsOne() {
        ProbeCadence cadence = new ProbeCadence(1, 7);
        for (int i = 0; i < 5; i++) {
            assertTrue(cadence.due("x", i));
        }
    }

    @Test
    void camerasFirstProbedTogetherSpreadTheirChecksOverTheCycle() {
        ProbeCadence cadence = new ProbeCadence(5, 0x44455343L);
        for (int sweep = 1; sweep <= 10; sweep++) {
            int checks = 0;
            for (int i = 0; i < CAMERAS; i++) {
                if (cadence.due("cam-" + i, sweep)) { // every camera first probed (a check) in the same sweep
                    checks++;
                }
            }
            assertTrue(checks > CAMERAS / 5 * 0.9 && checks < CAMERAS / 5 * 1.1,
                    "about a fifth of the cameras check in sweep " + sweep + ": " + checks);
        }
    }

    @Test
    void twoKindsOfCheckSeldomFallOnTheSameProbe() {
        ProbeCadence describes = new ProbeCadence(5, 0x44455343L);
        ProbeCadence clocks = new ProbeCadence(5, 0x4F4E5646L);
        int same = 0;
        for (int i = 0; i < CAMERAS; i++) {
            if (describes.phase("cam-" + i) == clocks.phase("cam-" + i)) {
                same++;
            }
        }
        assertTrue(same < CAMERAS / 5 * 1.2, "phases of the two kinds are independent: " + same + " of " + CAMERAS + " equal");
    }

    @Test
    void everyBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ProbeCadence(0, 1));
    }
}
