package org.skynet.vms.adapters.media;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a decoder or an fMP4 sample entry needs to know about a video stream, taken from its
 * parameter sets.
 *
 * @param codec          the codec
 * @param width          displayed width in pixels, after SPS cropping
 * @param height         displayed height in pixels, after SPS cropping
 * @param frameRateFps   frames per second from the SPS VUI timing info, or {@code null} when absent
 * @param profileIdc     {@code profile_idc} (H.264) or {@code general_profile_idc} (H.265)
 * @param levelIdc       {@code level_idc} (H.264) or {@code general_level_idc} (H.265, 30 × level)
 * @param rfc6381Codec   the codec string for MIME types and MSE, e.g. {@code avc1.64001f} or
 *                       {@code hvc1.1.6.L120.90}
 * @param vps            H.265 video parameter sets (raw NAL units with header, no start code); empty for H.264
 * @param sps            sequence parameter sets (raw NAL units with header)
 * @param pps            picture parameter sets (raw NAL units with header)
 */
public record VideoParameters(Codec codec, int width, int height, Double frameRateFps, int profileIdc,
        int levelIdc, String rfc6381Codec, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) {

    public VideoParameters {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(rfc6381Codec, "rfc6381Codec");
        vps = List.copyOf(vps);
        sps = List.copyOf(sps);
        pps = List.copyOf(pps);
    }

    /** Frame duration in 90 kHz units, rounded, or {@code fallback90k} when the SPS has no timing. */
    public long frameDuration90k(long fallback90k) {
        if (frameRateFps == null || frameRateFps <= 0) {
            return fallback90k;
        }
        return Math.round(90_000 / frameRateFps);
    }

    /** Whether {@code other} has byte-identical parameter sets (what matters for a sample entry). */
    public boolean sameParameterSets(VideoParameters other) {
        return other != null && codec == other.codec && sameBytes(vps, other.vps) && sameBytes(sps, other.sps)
                && sameBytes(pps, other.pps);
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Value equality, comparing parameter-set bytes rather than array identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof VideoParameters v && sameParameterSets(v) && width == v.width && height == v.height
                && Objects.equals(frameRateFps, v.frameRateFps) && profileIdc == v.profileIdc
                && levelIdc == v.levelIdc && rfc6381Codec.equals(v.rfc6381Codec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, width, height, frameRateFps, profileIdc, levelIdc, rfc6381Codec);
    }

    @Override
    public String toString() {
        return codec + " " + width + "x" + height + (frameRateFps == null ? "" : " @" + frameRateFps + "fps") + " "
                + rfc6381Codec;
    }
}
