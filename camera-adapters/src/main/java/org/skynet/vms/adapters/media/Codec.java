package org.skynet.vms.adapters.media;

/** Video codecs the adapters depacketize and packetize. Each uses a 90 kHz RTP clock. */
public enum Codec {
    /** ITU-T H.264 / AVC, RTP payload format RFC 6184, SDP encoding name {@code H264}. */
    H264("H264"),
    /** ITU-T H.265 / HEVC, RTP payload format RFC 7798, SDP encoding name {@code H265}. */
    H265("H265");

    private final String encodingName;

    Codec(String encodingName) {
        this.encodingName = encodingName;
    }

    /** The encoding name used in SDP {@code a=rtpmap} lines. */
    public String encodingName() {
        return encodingName;
    }

    /**
     * The codec for an SDP encoding name, compared ignoring case; {@code null} when unknown.
     * Lenient: some cameras announce {@code HEVC} instead of {@code H265}.
     */
    public static Codec fromEncodingName(String name) {
        if (name == null) {
            return null;
        }
        if (name.equalsIgnoreCase("H264")) {
            return H264;
        }
        if (name.equalsIgnoreCase("H265") || name.equalsIgnoreCase("HEVC")) {
            return H265;
        }
        return null;
    }
}
