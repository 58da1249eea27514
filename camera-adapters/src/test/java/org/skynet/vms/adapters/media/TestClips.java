package org.skynet.vms.adapters.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;
import org.skynet.vms.adapters.rtp.h265.H265Syntax;

/** The real clips under testdata/media (see the README there), loaded once. */
public final class TestClips {
    /** 2 s of 1920x1080 25 fps H.264 Main, keyframe every 25 frames, no B-frames. */
    public static final String H264 = "media/clip_h264_1080p.h264";
    /** 2 s of 1920x1080 25 fps H.265 Main, keyframe every 25 frames, no B-frames. */
    public static final String H265 = "media/clip_h265_1080p.h265";

    private static volatile List<AccessUnit> h264;
    private static volatile List<AccessUnit> h265;

    private TestClips() {
    }

    /** Bytes of a file under testdata/. */
    public static byte[] bytes(String path) {
        try (InputStream in = TestClips.class.getResourceAsStream("/testdata/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource testdata/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text of a file under testdata/ (UTF-8). */
    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    /** The syntax for a codec. */
    public static NalSyntax syntax(Codec codec) {
        return codec == Codec.H264 ? H264Syntax.INSTANCE : H265Syntax.INSTANCE;
    }

    /** The access units of the clip for a codec. */
    public static List<AccessUnit> units(Codec codec) {
        if (codec == Codec.H264) {
            if (h264 == null) {
                h264 = AnnexBReader.read(bytes(H264), H264Syntax.INSTANCE, 3600);
            }
            return h264;
        }
        if (h265 == null) {
            h265 = AnnexBReader.read(bytes(H265), H265Syntax.INSTANCE, 3600);
        }
        return h265;
    }
}
