/**
 * The RTSP side of a simulated camera: an RTSP 1.0 server (RFC 2326) on Netty's RTSP codec that
 * replays a pre-packetized clip (RFC 6184 H.264, RFC 7798 H.265) over TCP-interleaved RTP in real
 * time, with RTCP sender reports (RFC 3550 §6.4.1) and Basic/Digest authentication (RFC 2617).
 */
package org.skynet.vms.adapters.sim.rtsp;
