package org.skynet.vms.adapters.sim.rtsp;

/**
 * Where a {@link ReplaySession} sends its RTP and RTCP: interleaved in the RTSP connection
 * ({@link InterleavedRtpSink}) or as UDP datagrams ({@link UdpRtpSink}). Event loop only.
 */
interface RtpSink {
    /** Whether the transport can take more now; when not, the session drops frames. */
    boolean writable();

    /** Queues one frame of {@code clip}, patched for the session (not flushed). */
    void writeFrame(RtpClip clip, int frame, int firstSeq, int timestamp, int ssrc);

    /** Queues one RTCP packet (not flushed). */
    void writeRtcp(byte[] packet);

    void flush();

    /** Releases what the transport holds (UDP sockets); the RTSP connection is not closed. */
    void close();

    /** The {@code Transport} header value of the SETUP answer. */
    String transportHeader(int ssrc);
}
