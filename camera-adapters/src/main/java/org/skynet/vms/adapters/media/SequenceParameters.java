package org.skynet.vms.adapters.media;

/**
 * What every codec's parsed sequence parameter set tells the codec-neutral code: the fields that go
 * into {@link VideoParameters}. Implemented by the SPS records of the {@code rtp.h264} and
 * {@code rtp.h265} packages, which also expose their codec's own fields.
 */
public interface SequenceParameters {

    /** Displayed width in pixels, after cropping. */
    int width();

    /** Displayed height in pixels, after cropping. */
    int height();

    /** Frames per second from the VUI timing info, or {@code null} when absent. */
    Double frameRateFps();

    /** {@code profile_idc} (H.264) or {@code general_profile_idc} (H.265). */
    int profileIdc();

    /** {@code level_idc} (H.264) or {@code general_level_idc} (H.265). */
    int levelIdc();

    /** The codec string for MIME types and MSE (RFC 6381), e.g. {@code avc1.64001f}. */
    String rfc6381Codec();
}
