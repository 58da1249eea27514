package org.skynet.vms.adapters.rtsp.server;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.VideoParameters;

/**
 * Writes the SDP (RFC 4566) of a DESCRIBE answer with one video track, {@code a=control:trackID=0},
 * the parameter sets in {@code a=fmtp} (RFC 6184 §8.1 {@code sprop-parameter-sets}, RFC 7798 §7.1
 * {@code sprop-vps/sps/pps}), frame rate and size. Used by the re-stream server and the camera simulator.
 */
public final class SdpWriter {
    /** Control attribute of the only track, relative to the {@code Content-Base}. */
    public static final String TRACK = "trackID=0";
    /** Dynamic RTP payload type of the video track (RFC 3551). */
    public static final int PAYLOAD_TYPE = 96;
    /** RTP clock rate of video (RFC 6184 / RFC 7798). */
    public static final int CLOCK_RATE_HZ = 90_000;

    private SdpWriter() {
    }

    /**
     * @param fmtp         format parameters, usually {@link #fmtp(VideoParameters)}
     * @param frameRateFps frames per second, or {@code null} when unknown (no {@code a=framerate})
     * @param host         the server's address, for the origin line
     * @param sessionName  e.g. the camera id
     * @param sessionId    a number identifying this description (RFC 4566 §5.2)
     * @param tool         the {@code a=tool} value
     */
    public static String describe(Codec codec, String fmtp, Number frameRateFps, int width, int height, String host,
            String sessionName, long sessionId, String tool) {
        int pt = PAYLOAD_TYPE;
        return "v=0\r\n"
                + "o=- " + sessionId + " 1 IN IP4 " + host + "\r\n"
                + "s=" + sessionName + "\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=tool:" + tool + "\r\n"
                + "a=control:*\r\n"
                + "a=range:npt=0-\r\n"
                + "m=video 0 RTP/AVP " + pt + "\r\n"
                + "a=rtpmap:" + pt + " " + codec.encodingName() + "/" + CLOCK_RATE_HZ + "\r\n"
                + "a=fmtp:" + pt + " " + fmtp + "\r\n"
                + (frameRateFps == null ? "" : "a=framerate:" + frameRateFps + "\r\n")
                + "a=x-dimensions:" + width + "," + height + "\r\n"
                + "a=control:" + TRACK + "\r\n";
    }

    /** SDP format parameters with the parameter sets of {@code p}. */
    public static String fmtp(VideoParameters p) {
        if (p.codec() == Codec.H265) {
            return "sprop-vps=" + base64(p.vps()) + ";sprop-sps=" + base64(p.sps()) + ";sprop-pps=" + base64(p.pps());
        }
        byte[] sps = p.sps().get(0);
        return "packetization-mode=1;profile-level-id=" + HexFormat.of().formatHex(sps, 1, 4).toUpperCase(Locale.ROOT)
                + ";sprop-parameter-sets=" + base64(p.sps()) + "," + base64(p.pps());
    }

    private static String base64(List<byte[]> nals) {
        return nals.stream().map(Base64.getEncoder()::encodeToString).collect(Collectors.joining(","));
    }
}
