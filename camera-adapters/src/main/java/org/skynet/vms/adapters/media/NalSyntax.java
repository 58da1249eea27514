package org.skynet.vms.adapters.media;

/**
 * The codec-specific facts about NAL units that the codec-neutral code needs: header size, roles,
 * access unit boundaries in a byte stream, and parameter-set parsing. Implemented once per codec
 * ({@code H264Syntax}, {@code H265Syntax} in the {@code rtp.h264} and {@code rtp.h265} packages, on
 * {@link AbstractNalSyntax}); implementations are stateless and thread-safe.
 *
 * <p>Every method takes a NAL unit as {@code buf[off, off + len)}: header included, no start code.
 */
public interface NalSyntax {

    /** The codec this syntax describes. */
    Codec codec();

    /** Size of the NAL unit header: 1 byte for H.264, 2 for H.265. */
    int headerBytes();

    /** The {@code nal_unit_type} of the NAL unit starting at {@code off}; requires {@code headerBytes()} bytes. */
    int nalType(byte[] buf, int off);

    /** The role of a NAL unit of the given type. */
    NalKind kind(int nalType);

    /** Whether a NAL unit of this type carries coded picture data (a slice). */
    default boolean isVcl(int nalType) {
        NalKind k = kind(nalType);
        return k == NalKind.KEYFRAME_SLICE || k == NalKind.SLICE;
    }

    /**
     * Whether this NAL unit must begin a new access unit when the current one already has a slice
     * (H.264 §7.4.1.2.3, H.265 §7.4.2.4.4): a delimiter, parameter set or prefix SEI, or the first
     * slice of a picture.
     */
    boolean startsAccessUnit(byte[] buf, int off, int len);

    /**
     * Parses parameter sets into stream parameters.
     *
     * @param vps the H.265 VPS NAL unit (ignored for H.264, may be {@code null} there)
     * @param sps the SPS NAL unit
     * @param pps the PPS NAL unit
     * @throws BitstreamException when a parameter set is missing, truncated or malformed
     */
    VideoParameters parseParameters(byte[] vps, byte[] sps, byte[] pps);

    /** Whether {@link #parseParameters} needs a VPS (H.265) in addition to SPS and PPS. */
    boolean needsVps();
}
