package org.skynet.vms.recorder.clips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.recorder.fmp4.TestClips;

/**
 * Clip assembly on a simulated clock: units arrive every 40 ms (keyframe every 400 ms), triggers are
 * stamped on the same clock, outputs are fakes that keep what they got.
 */
class ClipAssemblerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");
    private static final List<AccessUnit> UNITS = TestClips.timed(Codec.H264, 20, 0, T0); // 1000 frames, 40 s

    /** What one clip got. */
    private static final class FakeOutput implements ClipOutput {
        final ClipTrigger trigger;
        final List<Instant> arrivals = new ArrayList<>();
        boolean firstIsKeyframe;
        boolean ended;

        FakeOutput(ClipTrigger trigger) {
            this.trigger = trigger;
        }

        @Override
        public void accept(AccessUnit unit, Instant arrival) {
            if (arrivals.isEmpty()) {
                firstIsKeyframe = unit.keyframe();
            }
            assertFalse(ended, "unit after the end");
            arrivals.add(arrival);
        }

        @Override
        public CompletableFuture<Void> end() {
            ended = true;
            return CompletableFuture.completedFuture(null);
        }

        Duration span() {
            return Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).plusMillis(40);
        }
    }

    private final List<FakeOutput> outputs = new ArrayList<>();
    private final ClipConfig config = ClipConfig.defaults(Path.of("/unused")).withRolls(Duration.ofSeconds(4),
            Duration.ofSeconds(6)).withMaxClip(Duration.ofSeconds(15));
    private final ClipAssembler assembler = new ClipAssembler("cam-1", config, (camera, trigger) -> {
        FakeOutput o = new FakeOutput(trigger);
        outputs.add(o);
        return o;
    });
    private int next;

    /** Feeds units up to (excluding) the one arriving at {@code T0 + millis}. */
    private void runUntil(long millis) {
        while (next < UNITS.size() && UNITS.get(next).wallClock().isBefore(T0.plusMillis(millis))) {
            assembler.accept(UNITS.get(next), UNITS.get(next).wallClock());
            next++;
        }
    }

    private ClipAssembler.Triggered trigger(long atMillis) {
        return assembler.trigger(new ClipTrigger("manual", "test", T0.plusMillis(atMillis)));
    }

    @Test
    void clipIsPreRollFromTheNearestKeyframePlusPostRoll() {
        runUntil(10_000);
        ClipAssembler.Triggered t = trigger(10_000);
        assertEquals(ClipAssembler.Outcome.STARTED, t.outcome());
        assertEquals(T0.plusMillis(6000), t.clipStart(), "10 s − 4 s, a keyframe");
        assertEquals(T0.plusMillis(16_000), t.clipEnd());
        assertTrue(assembler.recording());
        runUntil(30_000);
        assertFalse(assembler.recording());
        assertEquals(1, outputs.size());
        FakeOutput clip = outputs.get(0);
        assertTrue(clip.ended);
        assertTrue(clip.firstIsKeyframe);
        assertEquals(T0.plusMillis(6000), clip.arrivals.get(0));
        assertEquals(Duration.ofSeconds(10), clip.span(), "pre-roll 4 s + post-roll 6 s");
        assertEquals("manual", clip.trigger.type());
    }

    @Test
    void preRollStartsAtTheNearestKeyframeWhenNoneIsExactlyThere() {
        runUntil(10_130);
        assertEquals(T0.plusMillis(6000), trigger(10_130).clipStart(), "6.13 s: 6.0 is nearer than 6.4");
        runUntil(30_000);
        assertTrue(outputs.get(0).firstIsKeyframe);
    }

    @Test
    void triggerDuringPostRollExtendsTheClipInsteadOfOpeningAnother() {
        runUntil(10_000);
        trigger(10_000);
        runUntil(14_000);
        ClipAssembler.Triggered t = trigger(14_000);
        assertEquals(ClipAssembler.Outcome.EXTENDED, t.outcome());
        assertEquals(T0.plusMillis(20_000), t.clipEnd());
        assertEquals(ClipAssembler.Outcome.EXTENDED, trigger(11_000).outcome(), "an earlier end never shortens it");
        runUntil(30_000);
        assertEquals(1, outputs.size());
        assertEquals(Duration.ofSeconds(14), outputs.get(0).span(), "6 s .. 20 s");
    }

    @Test
    void triggerAfterTheClipEndedOpensANewOne() {
        runUntil(10_000);
        trigger(10_000);
        runUntil(17_000);
        assertEquals(ClipAssembler.Outcome.STARTED, trigger(17_000).outcome());
        runUntil(30_000);
        assertEquals(2, outputs.size());
        assertEquals(T0.plusMillis(12_800), outputs.get(1).arrivals.get(0), "13 s: a tie between 12.8 and 13.2 goes earlier");
    }

    @Test
    void clipLongerThanMaxGoesOnInANewFileOverlappingByLessThanAGop() {
        runUntil(10_000);
        trigger(10_000);
        for (long at = 12_000; at <= 26_000; at += 2000) {
            runUntil(at);
            trigger(at);
        }
        runUntil(40_000);
        assertEquals(2, outputs.size());
        FakeOutput first = outputs.get(0);
        FakeOutput second = outputs.get(1);
        assertEquals(Duration.ofSeconds(15), first.span(), "6 s + max 15 s");
        assertTrue(second.firstIsKeyframe);
        assertTrue(!second.arrivals.get(0).isAfter(T0.plusMillis(21_000))
                && second.arrivals.get(0).isAfter(T0.plusMillis(20_600)), "starts at the last keyframe of the first");
        assertEquals(T0.plusMillis(32_000 - 40), second.arrivals.get(second.arrivals.size() - 1), "26 s + 6 s");
        assertEquals(first.trigger, second.trigger);
    }

    @Test
    void streamEndEndsTheClipAndEmptiesTheBuffer() {
        runUntil(10_000);
        trigger(10_000);
        runUntil(12_000);
        assembler.streamEnded(T0.plusMillis(12_000));
        assertTrue(outputs.get(0).ended);
        assertFalse(assembler.recording());
        assertEquals(0, assembler.preRollBytes());
        ClipAssembler.Triggered t = trigger(12_100);
        assertEquals(T0.plusMillis(12_100), t.clipStart(), "nothing buffered: the clip begins with the next keyframe");
        runUntil(13_000);
        assertTrue(outputs.get(1).firstIsKeyframe);
        assertTrue(assembler.close().isDone());
        assertTrue(outputs.get(1).ended);
    }
}
