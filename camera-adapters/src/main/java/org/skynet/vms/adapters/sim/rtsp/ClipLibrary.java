package org.skynet.vms.adapters.sim.rtsp;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.AnnexBReader;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.NalSyntax;
import org.skynet.vms.adapters.media.VideoParameters;
import org.skynet.vms.adapters.rtsp.server.SdpWriter;
import org.skynet.vms.adapters.rtp.RtpPacketizer;
import org.skynet.vms.adapters.rtp.h264.H264Packetizer;
import org.skynet.vms.adapters.rtp.h264.H264Syntax;
import org.skynet.vms.adapters.rtp.h265.H265Packetizer;
import org.skynet.vms.adapters.rtp.h265.H265Syntax;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.StreamProfile;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * The sample clips under {@code resources/sim/}, each read and packetized into an {@link RtpClip}
 * once, when the library loads, and shared by every camera. Immutable and thread-safe.
 */
public final class ClipLibrary {
    /** Frame rate assumed when a clip's SPS carries no timing information. */
    static final int DEFAULT_FRAME_RATE = 25;

    /** The clips kept in the repository; see {@code sim/README.md} for how they were made. */
    public enum Clip {
        MAIN_H264("/sim/main_1080p.h264", Codec.H264),
        MAIN_H265("/sim/main_1080p.h265", Codec.H265),
        SUB_H264("/sim/sub_360p.h264", Codec.H264);

        private final String resource;
        private final Codec codec;

        Clip(String resource, Codec codec) {
            this.resource = resource;
            this.codec = codec;
        }

        /** The clip a profile is served from with a given codec (the sub stream is always H.264). */
        static Clip of(StreamProfile profile, Codec codec) {
            if (profile == StreamProfile.SUB) {
                return SUB_H264;
            }
            return codec == Codec.H265 ? MAIN_H265 : MAIN_H264;
        }
    }

    private final Map<Clip, RtpClip> clips;

    private ClipLibrary(Map<Clip, RtpClip> clips) {
        this.clips = clips;
    }

    /**
     * The library of this JVM, loaded on first use and shared by every fleet.
     *
     * @throws VmsException INTERNAL as {@link #load()}
     */
    public static ClipLibrary shared() {
        return Shared.INSTANCE;
    }

    /** Initialization-on-demand holder: the clips are read once, on first use, thread-safely. */
    private static final class Shared {
        static final ClipLibrary INSTANCE = load();
    }

    /**
     * Reads and packetizes every clip (about 1 MB of templates in all).
     *
     * @throws VmsException INTERNAL when a clip resource is missing or does not parse
     */
    public static ClipLibrary load() {
        Map<Clip, RtpClip> map = new EnumMap<>(Clip.class);
        for (Clip c : Clip.values()) {
            map.put(c, packetize(readResource(c.resource), c.codec));
        }
        return new ClipLibrary(map);
    }

    /** The packetized clip. */
    public RtpClip clip(Clip clip) {
        return clips.get(clip);
    }

    /** What {@code camera} serves for {@code requested} right now ({@code SD_ONLY} turns main into sub). */
    public RtpClip clip(SimulatedCamera camera, StreamProfile requested) {
        return clips.get(Clip.of(camera.servedProfile(requested), camera.servedCodec(requested)));
    }

    /**
     * Packetizes an Annex-B stream: access units from {@link AnnexBReader}, RTP packets from the
     * codec's packetizer (payload type {@link RtpClip#PAYLOAD_TYPE}, default packet size, aggregation).
     *
     * @throws VmsException INTERNAL when the stream has no usable access units or an odd frame rate
     */
    static RtpClip packetize(byte[] annexB, Codec codec) {
        NalSyntax syntax = codec == Codec.H265 ? H265Syntax.INSTANCE : H264Syntax.INSTANCE;
        RtpPacketizer packetizer = codec == Codec.H265
                ? new H265Packetizer(RtpClip.PAYLOAD_TYPE, 0, 0, RtpPacketizer.DEFAULT_MAX_PACKET_BYTES, true)
                : new H264Packetizer(RtpClip.PAYLOAD_TYPE, 0, 0, RtpPacketizer.DEFAULT_MAX_PACKET_BYTES, true);
        try {
            List<AccessUnit> units = AnnexBReader.read(annexB, syntax, RtpClip.CLOCK_RATE_HZ / DEFAULT_FRAME_RATE);
            if (units.isEmpty()) {
                throw new VmsException(ErrorKind.INTERNAL, "clip has no access units");
            }
            List<RtpClip.Frame> frames = new ArrayList<>(units.size());
            for (AccessUnit unit : units) {
                frames.add(new RtpClip.Frame(unit.keyframe(), packetizer.packetize(unit)));
            }
            VideoParameters p = units.get(0).parameters();
            int frameRate = (int) Math.round(p.frameRateFps() == null ? DEFAULT_FRAME_RATE : p.frameRateFps());
            return new RtpClip(codec, frameRate, p.width(), p.height(), SdpWriter.fmtp(p), frames);
        } catch (RuntimeException e) {
            throw e instanceof VmsException v ? v
                    : new VmsException(ErrorKind.INTERNAL, "cannot packetize " + codec + " clip: " + e.getMessage(), e);
        }
    }

    private static byte[] readResource(String path) {
        try (InputStream in = ClipLibrary.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new VmsException(ErrorKind.INTERNAL, "missing clip resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot read clip resource " + path, e);
        }
    }
}
