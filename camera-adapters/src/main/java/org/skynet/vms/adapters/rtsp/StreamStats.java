package org.skynet.vms.adapters.rtsp;

import org.skynet.vms.adapters.rtp.DepacketizerStats;
import org.skynet.vms.adapters.rtp.RtcpSenderReport;

/**
 * Counters of one playing stream since PLAY (a snapshot).
 *
 * @param depacketizer      RTP packet and frame counters of the video track
 * @param rtpBytes          RTP bytes received, headers included
 * @param rtcpPackets       RTCP compound packets received
 * @param malformedPackets  RTP or RTCP packets that did not parse and were skipped
 * @param lastSenderReport  the latest RTCP sender report of the video track, or {@code null}; pairs the
 *                          camera's wall clock (NTP) with an RTP timestamp
 * @param wallClockFromSenderReport whether {@link org.skynet.vms.adapters.media.AccessUnit#wallClock()}
 *                          now comes from a sender report (camera clock) rather than arrival time (our clock)
 */
public record StreamStats(DepacketizerStats depacketizer, long rtpBytes, long rtcpPackets, long malformedPackets,
        RtcpSenderReport lastSenderReport, boolean wallClockFromSenderReport) {

    /** RTP packets of the video track that parsed (malformed ones are in {@link #malformedPackets()}). */
    public long packets() {
        return depacketizer.packets();
    }

    /** RTP packets missing by sequence number. */
    public long packetsLost() {
        return depacketizer.packetsLost();
    }

    /** Access units delivered to the listener. */
    public long frames() {
        return depacketizer.framesEmitted();
    }
}
