package org.skynet.vms.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.AnnexBReader;
import org.skynet.vms.adapters.rtp.h265.H265Syntax;
import org.skynet.vms.recorder.snapshot.KeyframeDecoder;

/**
 * {@link StillSource} with the real FFmpeg decoder on the simulator's 1080p H.265 clip: nothing before the
 * first keyframe, one decode per keyframe however often it is asked for, a new picture with the next
 * keyframe, nothing once the stream breaks.
 */
class StillSourceTest {
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    @Test
    void decodesEachKeyframeOnceAndForgetsItWhenTheStreamBreaks() throws Exception {
        List<AccessUnit> units = clip();
        AtomicLong decodes = new AtomicLong();
        StillSource source = new StillSource("cam", null,
                new KeyframeDecoder(Runnable::run, KeyframeDecoder.DEFAULT_MAX_INPUT_BYTES,
                        KeyframeDecoder.DEFAULT_MAX_PIXELS, 1920), decodes);
        assertNull(source.latest(), "no keyframe yet");

        int second = nextKeyframe(units, 1);
        source.accept(units.get(0), T0);
        CompletableFuture<LiveStill> first = source.latest();
        for (int i = 1; i < second; i++) {
            source.accept(units.get(i), T0.plusMillis(40L * i));
            assertSame(first, source.latest(), "pictures after the keyframe keep its still");
        }
        assertEquals(1, decodes.get());
        LiveStill still = first.get();
        assertEquals(1, still.number());
        assertEquals(T0, still.time(), "arrival time when the unit has no wall clock");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(still.jpeg()));
        assertEquals(1920, image.getWidth());
        assertEquals(1080, image.getHeight());
        assertEquals(1920, still.width());

        source.accept(units.get(second), T0.plusSeconds(1));
        CompletableFuture<LiveStill> next = source.latest();
        assertNotSame(first, next);
        assertEquals(2, next.get().number());
        assertEquals(2, decodes.get());
        assertFalse(Arrays.equals(still.jpeg(), next.get().jpeg()), "another keyframe, another picture");

        source.streamEnded(T0.plusSeconds(2));
        assertNull(source.latest(), "a broken stream shows no stale picture");
    }

    private static int nextKeyframe(List<AccessUnit> units, int from) {
        for (int i = from; i < units.size(); i++) {
            if (units.get(i).keyframe()) {
                return i;
            }
        }
        throw new AssertionError("the clip has one keyframe only");
    }

    private static List<AccessUnit> clip() throws Exception {
        try (InputStream in = StillSourceTest.class.getResourceAsStream("/sim/main_1080p.h265")) {
            List<AccessUnit> units = AnnexBReader.read(in.readAllBytes(), H265Syntax.INSTANCE, 3600);
            assertTrue(units.get(0).keyframe(), "the clip starts with a keyframe");
            return units;
        }
    }
}
