package org.skynet.vms.recorder.fmp4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.AnnexBReader;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;
import org.skynet.vms.adapters.rtp.h265.H265Syntax;

/**
 * The tiny Annex-B clips in {@code testdata/fmp4/} (see the README there) as access units with
 * chosen timestamps: 50 frames, 320x180, 25 fps, a keyframe every 10 frames, no B-frames.
 */
public final class TestClips {
    /** Frames in each clip. */
    public static final int FRAMES = 50;
    /** Frame duration: 25 fps at 90 kHz. */
    public static final long FRAME_90K = 3600;
    /** Frames per GOP. */
    public static final int GOP = 10;
    public static final int WIDTH = 320;
    public static final int HEIGHT = 180;

    private TestClips() {
    }

    /** Resource name of a codec's clip. */
    public static String resource(Codec codec) {
        return codec == Codec.H264 ? "/testdata/fmp4/testsrc2_h264.h264" : "/testdata/fmp4/testsrc2_h265.h265";
    }

    /** The clip's access units in decode order, as {@link AnnexBReader} makes them (pts from 0, no wall clock). */
    public static List<AccessUnit> load(Codec codec) {
        return load(codec, resource(codec));
    }

    /** Any Annex-B classpath resource of {@code codec} as access units, as {@link #load(Codec)} does. */
    public static List<AccessUnit> load(Codec codec, String resource) {
        try (InputStream in = TestClips.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return AnnexBReader.read(in.readAllBytes(), codec == Codec.H264 ? H264Syntax.INSTANCE : H265Syntax.INSTANCE,
                    FRAME_90K);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The clip repeated {@code loops} times on one continuous timeline: frame {@code i} at
     * {@code pts0 + i × 3600} and wall time {@code wall0 + i × 40 ms}.
     */
    public static List<AccessUnit> timed(Codec codec, int loops, long pts0, Instant wall0) {
        List<AccessUnit> clip = load(codec);
        List<AccessUnit> out = new ArrayList<>(clip.size() * loops);
        for (int i = 0; i < clip.size() * loops; i++) {
            out.add(clip.get(i % clip.size()).withTiming(pts0 + i * FRAME_90K, wall0.plus(Duration.ofMillis(40L * i))));
        }
        return out;
    }
}
