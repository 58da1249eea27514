package org.skynet.vms.adapters.sim;

/** Video codec of a simulated stream; the clip is replayed as recorded, never re-encoded. */
public enum VideoCodec {
    H264("H264"),
    H265("H265");

    private final String encodingName;

    VideoCodec(String encodingName) {
        this.encodingName = encodingName;
    }

    /** The name used in SDP {@code a=rtpmap} (RFC 6184 / RFC 7798) and in ONVIF {@code tt:Encoding}. */
    public String encodingName() {
        return encodingName;
    }
}
