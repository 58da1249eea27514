package org.skynet.vms.adapters.rtsp;

import org.skynet.vms.adapters.rtsp.TransportHeader.PortPair;

/** How RTP of a set-up track reaches us, as agreed in SETUP. */
sealed interface RtpPath {

    /** Interleaved in the RTSP connection on {@code channels}. */
    record Interleaved(PortPair channels) implements RtpPath {
    }

    /** On our UDP {@code ports}. */
    record Udp(UdpPortPair ports) implements RtpPath {
    }

    static RtpPath interleaved(PortPair channels) {
        return new Interleaved(channels);
    }

    static RtpPath udp(UdpPortPair ports) {
        return new Udp(ports);
    }
}
