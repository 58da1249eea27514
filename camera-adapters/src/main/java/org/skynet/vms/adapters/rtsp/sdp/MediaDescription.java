package org.skynet.vms.adapters.rtsp.sdp;

import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.skynet.vms.adapters.media.Codec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code m=} section of a session description, reduced to its first (primary) payload format.
 *
 * @param media        media type: {@code video}, {@code audio}, {@code application}, ...
 * @param port         port from the {@code m=} line (0 for RTSP-controlled streams is common)
 * @param protocol     transport protocol, e.g. {@code RTP/AVP}
 * @param payloadType  the first payload type listed on the {@code m=} line
 * @param encodingName encoding name from {@code a=rtpmap} (or the static payload type table), e.g.
 *                     {@code H264}; {@code null} when unknown
 * @param clockRateHz  RTP clock rate from {@code a=rtpmap}, 0 when unknown
 * @param fmtp         {@code a=fmtp} parameters for the payload type; keys lower-cased, values as given
 * @param controlUri   this section's control URL for SETUP, resolved (RFC 2326 C.1.1)
 * @param frameRateFps {@code a=framerate} (or {@code a=x-framerate}), or {@code null}
 */
public record MediaDescription(String media, int port, String protocol, int payloadType, String encodingName,
        int clockRateHz, Map<String, String> fmtp, URI controlUri, Double frameRateFps) {
    private static final Logger LOG = LoggerFactory.getLogger(MediaDescription.class);

    public MediaDescription {
        fmtp = Map.copyOf(fmtp);
    }

    /** The codec, when the encoding is one we depacketize; otherwise {@code null}. */
    public Codec codec() {
        return Codec.fromEncodingName(encodingName);
    }

    /**
     * Parameter sets announced in {@code a=fmtp}: H.264 {@code sprop-parameter-sets} (RFC 6184 §8.1) or
     * H.265 {@code sprop-vps}, {@code sprop-sps}, {@code sprop-pps} (RFC 7798 §7.1), in that order, as NAL
     * units without start codes. Lenient: entries that are not valid base64 (seen with truncated
     * {@code sprop} values), empty entries (trailing commas) and missing padding are skipped or
     * repaired; in-band parameter sets cover what is lost.
     */
    public List<byte[]> parameterSets() {
        List<byte[]> out = new ArrayList<>();
        Codec codec = codec();
        if (codec == Codec.H264) {
            decodeAll(fmtp.get("sprop-parameter-sets"), out);
        } else if (codec == Codec.H265) {
            decodeAll(fmtp.get("sprop-vps"), out);
            decodeAll(fmtp.get("sprop-sps"), out);
            decodeAll(fmtp.get("sprop-pps"), out);
        }
        return out;
    }

    /**
     * H.264 {@code packetization-mode} (0 when absent, as RFC 6184 §8.1 says), or -1 when not a number.
     * Mode 2 (interleaved) is not supported by the depacketizer.
     */
    public int packetizationMode() {
        String v = fmtp.get("packetization-mode");
        if (v == null) {
            return 0;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * H.265 {@code sprop-max-don-diff} (0 when absent). Above 0 the stream carries DONL fields, which
     * the depacketizer does not support: the caller should refuse the stream as unsupported.
     */
    public int maxDonDiff() {
        String v = fmtp.get("sprop-max-don-diff");
        try {
            return v == null ? 0 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void decodeAll(String value, List<byte[]> out) {
        if (value == null) {
            return;
        }
        for (String part : value.split(",")) {
            String b64 = part.strip();
            if (b64.isEmpty()) {
                continue;
            }
            int pad = (4 - b64.length() % 4) % 4;
            if (pad == 3) {
                continue;
            }
            try {
                byte[] nal = Base64.getDecoder().decode(b64 + "==".substring(0, pad));
                if (nal.length > 0) {
                    out.add(nal);
                }
            } catch (IllegalArgumentException e) {
                // Lenient: skip it; in-band parameter sets arrive with the first keyframe.
                LOG.debug("skipping sprop entry that is not base64: {}", e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return media + " pt=" + payloadType + " " + encodingName + "/" + clockRateHz + " control=" + controlUri
                + (fmtp.isEmpty() ? "" : " fmtp=" + fmtp.keySet().toString().toLowerCase(Locale.ROOT));
    }
}
