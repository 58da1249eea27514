package org.skynet.vms.adapters.sim.rtsp;

/**
 * Writes the SDP (RFC 4566) a simulated camera answers DESCRIBE with: one video track,
 * {@code a=control:trackID=0}, the clip's parameter sets in {@code a=fmtp} and {@code a=framerate}.
 */
final class SdpWriter {
    static final String TRACK = "trackID=0";

    private SdpWriter() {
    }

    /**
     * @param host the camera's address, for the origin line
     * @param sessionName e.g. the camera id
     * @param sessionId a number identifying this description (RFC 4566 §5.2)
     */
    static String describe(RtpClip clip, String host, String sessionName, long sessionId) {
        int pt = RtpClip.PAYLOAD_TYPE;
        return "v=0\r\n"
                + "o=- " + sessionId + " 1 IN IP4 " + host + "\r\n"
                + "s=" + sessionName + "\r\n"
                + "c=IN IP4 0.0.0.0\r\n"
                + "t=0 0\r\n"
                + "a=tool:Skynet SIM\r\n"
                + "a=control:*\r\n"
                + "a=range:npt=0-\r\n"
                + "m=video 0 RTP/AVP " + pt + "\r\n"
                + "a=rtpmap:" + pt + " " + clip.codec().encodingName() + "/" + RtpClip.CLOCK_RATE_HZ + "\r\n"
                + "a=fmtp:" + pt + " " + clip.fmtp() + "\r\n"
                + "a=framerate:" + clip.frameRate() + "\r\n"
                + "a=x-dimensions:" + clip.width() + "," + clip.height() + "\r\n"
                + "a=control:" + TRACK + "\r\n";
    }
}
