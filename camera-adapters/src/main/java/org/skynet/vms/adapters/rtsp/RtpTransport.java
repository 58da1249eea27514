package org.skynet.vms.adapters.rtsp;

/** How the client asks the camera to send RTP in SETUP. */
public enum RtpTransport {
    /**
     * RTP and RTCP interleaved in the RTSP TCP connection ({@code RTP/AVP/TCP;interleaved}). The
     * default: it passes NAT and firewalls, and loss shows up as a stall rather than as gaps.
     */
    TCP_INTERLEAVED,
    /**
     * RTP and RTCP on a pair of UDP ports ({@code RTP/AVP;client_port}), bound on the local address of
     * the RTSP connection. Lower latency; loss is counted, not retransmitted.
     */
    UDP
}
