package org.skynet.vms.recorder.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.TestClips;

/** The pre-roll ring buffer with the test clip (25 fps, keyframe every 10 frames = 400 ms), arrival = wall. */
class PreRollBufferTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final List<AccessUnit> UNITS = TestClips.timed(Codec.H264, 4, 0, T0); // 200 frames, 8 s

    private static void feed(PreRollBuffer b, List<AccessUnit> units) {
        units.forEach(u -> b.add(u, u.wallClock()));
    }

    @Test
    void startsAtAKeyframeEvenWhenFedFromTheMiddleOfAGop() {
        PreRollBuffer b = new PreRollBuffer(Duration.ofSeconds(2), 1L << 30);
        feed(b, UNITS.subList(3, 30));
        assertTrue(b.from(T0).get(0).unit().keyframe());
        assertEquals(T0.plusMillis(400), b.oldestArrival(), "frames 3..9 have no keyframe before them");
        assertEquals(20, b.units());
    }

    @Test
    void keepsTheNewestKeyframeAtOrBeforeNowMinusPreRoll() {
        PreRollBuffer b = new PreRollBuffer(Duration.ofSeconds(2), 1L << 30);
        feed(b, UNITS.subList(0, 150)); // newest at 5.96 s
        // 5.96 − 2 = 3.96: the keyframe at 3.6 s must stay, the one at 3.2 s may go.
        assertEquals(T0.plusMillis(3600), b.oldestArrival());
        assertEquals(150 - 90, b.units());
        long bytes = UNITS.subList(90, 150).stream().mapToLong(AccessUnit::sizeBytes).sum();
        assertEquals(bytes, b.sizeBytes());
    }

    @Test
    void fromPicksTheNearestKeyframeEitherSide() {
        PreRollBuffer b = new PreRollBuffer(Duration.ofSeconds(5), 1L << 30);
        feed(b, UNITS.subList(0, 150));
        assertEquals(T0.plusMillis(2000), b.from(T0.plusMillis(2150)).get(0).arrival());
        assertEquals(T0.plusMillis(2400), b.from(T0.plusMillis(2250)).get(0).arrival());
        assertEquals(T0.plusMillis(2000), b.from(T0.plusMillis(2200)).get(0).arrival(), "a tie goes earlier");
        assertEquals(b.oldestArrival(), b.from(T0.minusSeconds(60)).get(0).arrival(), "before the buffer: its start");
        List<PreRollBuffer.Entry> tail = b.from(T0.plusSeconds(60));
        assertEquals(T0.plusMillis(5600), tail.get(0).arrival(), "after the buffer: the newest keyframe");
        assertEquals(10, tail.size());
        assertEquals(tail, b.fromNewestKeyframe());
    }

    @Test
    void byteBoundEvictsOldestGopsAndAGopTooLargeAltogether() {
        long gopBytes = UNITS.subList(0, 10).stream().mapToLong(AccessUnit::sizeBytes).sum();
        PreRollBuffer b = new PreRollBuffer(Duration.ofSeconds(5), gopBytes * 3);
        feed(b, UNITS.subList(0, 100));
        assertTrue(b.sizeBytes() <= gopBytes * 3, b.sizeBytes() + " > " + gopBytes * 3);
        assertTrue(b.evictedForBytes() > 0);
        assertTrue(b.from(T0).get(0).unit().keyframe());
        assertTrue(b.units() >= 10, "at least the newest whole GOPs stay: " + b.units());

        PreRollBuffer tiny = new PreRollBuffer(Duration.ofSeconds(5), 1000);
        feed(tiny, UNITS.subList(0, 25));
        assertEquals(0, tiny.units(), "a keyframe alone is larger than the bound");
        assertEquals(0, tiny.sizeBytes());
        assertTrue(tiny.from(T0).isEmpty());
    }

    @Test
    void clearForgetsEverythingUntilTheNextKeyframe() {
        PreRollBuffer b = new PreRollBuffer(Duration.ofSeconds(2), 1L << 30);
        feed(b, UNITS.subList(0, 15));
        b.clear();
        assertEquals(0, b.units());
        feed(b, UNITS.subList(15, 19));
        assertEquals(0, b.units(), "frames 15..18 follow no keyframe");
        feed(b, UNITS.subList(19, 21));
        assertEquals(1, b.units());
        assertEquals(T0.plusMillis(800), b.oldestArrival());
    }
}
