package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProbeCadenceTest {
    private static final int CAMERAS = 10_000;

    @Test
    void firstProbeChecksThenOneInEveryFive() {
        ProbeCadence cadence = new ProbeCadence(5, 1);
        assertTrue(cadence.due("cam-1"), "the first probe checks");
        cadence.completed("cam-1", true);
        for (int cycle = 0; cycle < 4; cycle++) {
            int checks = 0;
            for (int probe = 0; probe < 5; probe++) {
                if (cadence.due("cam-1")) {
                    checks++;
                }
                cadence.completed("cam-1", true);
            }
            assertEquals(1, checks, "one check in every five probes, cycle " + cycle);
        }
    }

    @Test
    void aProbeThatWasNotOkMakesTheNextOneCheck() {
        ProbeCadence cadence = new ProbeCadence(1_000, 1);
        String id = "cam-1";
        cadence.completed(id, true);
        while (cadence.due(id)) {
            cadence.completed(id, true); // past the camera's phase
        }
        assertFalse(cadence.due(id));
        cadence.completed(id, false);
        assertTrue(cadence.due(id));
    }

    @Test
    void everyProbeChecksWhenEveryIsOne() {
        ProbeCadence cadence = new ProbeCadence(1, 7);
        for (int i = 0; i < 5; i++) {
            assertTrue(cadence.due("x"));
            cadence.completed("x", true);
        }
    }

    @Test
    void camerasFirstProbedTogetherSpreadTheirChecksOverTheCycle() {
        ProbeCadence cadence = new ProbeCadence(5, 0x44455343L);
        for (int i = 0; i < CAMERAS; i++) {
            cadence.completed("cam-" + i, true); // every camera's first probe (a check) in the same sweep
        }
        for (int sweep = 0; sweep < 10; sweep++) {
            int checks = 0;
            for (int i = 0; i < CAMERAS; i++) {
                if (cadence.due("cam-" + i)) {
                    checks++;
                }
                cadence.completed("cam-" + i, true);
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
