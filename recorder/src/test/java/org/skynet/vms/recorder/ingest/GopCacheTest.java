package org.skynet.vms.recorder.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;

class GopCacheTest {
    private static final Instant T = Instant.parse("2026-11-26T06:00:00Z");

    private static final class Recording implements LiveSink {
        final List<Long> pts = new ArrayList<>();
        int ended;

        @Override
        public void accept(AccessUnit unit, Instant arrival) {
            pts.add(unit.pts90k());
        }

        @Override
        public void streamEnded(Instant now) {
            ended++;
        }
    }

    private static AccessUnit unit(long n, boolean key, int bytes) {
        return new AccessUnit(Codec.H264, n * 3600, T, key, new byte[bytes], null, false, false);
    }

    @Test
    void keepsTheUnitsSinceTheLastKeyframeAndNothingBeforeTheFirst() {
        GopCache gop = new GopCache("c", 100, 1 << 20);
        gop.accept(unit(0, false, 10), T);
        assertTrue(gop.snapshot().isEmpty(), "no keyframe yet");
        gop.accept(unit(1, true, 10), T);
        gop.accept(unit(2, false, 10), T);
        gop.accept(unit(3, true, 10), T);
        gop.accept(unit(4, false, 10), T);
        assertEquals(List.of(3 * 3600L, 4 * 3600L), gop.snapshot().units().stream().map(AccessUnit::pts90k).toList());
    }

    @Test
    void aJoiningSinkGetsTheGroupThenEveryLaterUnitOnce() {
        GopCache gop = new GopCache("c", 100, 1 << 20);
        gop.accept(unit(1, true, 10), T);
        gop.accept(unit(2, false, 10), T);
        Recording sink = new Recording();
        gop.join(sink, T);
        gop.accept(unit(3, false, 10), T);
        assertEquals(List.of(3600L, 7200L, 10800L), sink.pts);
        gop.streamEnded(T);
        assertEquals(1, sink.ended);
        assertTrue(gop.snapshot().isEmpty(), "a broken stream's group is forgotten");
        gop.leave(sink);
        gop.accept(unit(4, true, 10), T);
        assertEquals(3, sink.pts.size(), "nothing after leave");
    }

    @Test
    void aGroupOverTheLimitIsDroppedUntilTheNextKeyframe() {
        GopCache gop = new GopCache("c", 3, 1 << 20);
        for (int i = 0; i < 4; i++) {
            gop.accept(unit(i, i == 0, 10), T);
        }
        assertTrue(gop.snapshot().isEmpty());
        gop.accept(unit(5, false, 10), T);
        assertTrue(gop.snapshot().isEmpty());
        gop.accept(unit(6, true, 10), T);
        assertEquals(1, gop.snapshot().units().size());
        GopCache small = new GopCache("c", 100, 25);
        small.accept(unit(0, true, 10), T);
        small.accept(unit(1, false, 10), T);
        small.accept(unit(2, false, 10), T);
        assertTrue(small.snapshot().isEmpty(), "over the byte limit");
    }
}
