package org.skynet.vms.adapters.rtsp;

import java.nio.ByteBuffer;
import java.time.Clock;
import org.skynet.vms.adapters.rtp.RtcpSenderReport;
import org.skynet.vms.adapters.rtp.RtpException;
import org.skynet.vms.adapters.rtp.VideoDepacketizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving end of one track, independent of how packets travel (interleaved or UDP): parses RTP
 * into the depacketizer, feeds RTCP sender reports to its timeline, counts what it skips. A packet
 * that does not parse is counted and skipped; it never ends the stream.
 *
 * <p>Plain Java, no Netty. Event loop only: not thread-safe.
 */
final class TrackReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(TrackReceiver.class);

    private final VideoDepacketizer depacketizer;
    private final Clock clock;
    private long rtpBytes;
    private long rtcpPackets;
    private long malformed;
    private RtcpSenderReport lastSenderReport;

    /**
     * @param depacketizer the video track's depacketizer, which delivers access units
     * @param clock        our wall clock, read once per packet for the arrival time
     */
    TrackReceiver(VideoDepacketizer depacketizer, Clock clock) {
        this.depacketizer = depacketizer;
        this.clock = clock;
    }

    /** One RTP packet, from the buffer's position to its limit; read during this call only. */
    void rtp(ByteBuffer packet) {
        rtpBytes += packet.remaining();
        try {
            depacketizer.parseAndPush(packet, clock.instant());
        } catch (RtpException e) {
            skipped(e);
        }
    }

    /** One compound RTCP packet; only its sender report is used. */
    void rtcp(ByteBuffer packet) {
        rtcpPackets++;
        try {
            RtcpSenderReport.findIn(packet).ifPresent(sr -> {
                lastSenderReport = sr;
                depacketizer.senderReport(sr);
            });
        } catch (RtpException e) {
            skipped(e);
        }
    }

    StreamStats stats() {
        return new StreamStats(depacketizer.stats(), rtpBytes, rtcpPackets, malformed, lastSenderReport,
                depacketizer.timeline().anchoredBySenderReport());
    }

    private void skipped(RtpException e) {
        if (malformed++ == 0) {
            LOG.debug("skipping malformed RTP/RTCP packets, first: {}", e.getMessage());
        }
    }
}
