package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.WallClockSource;
import org.skynet.vms.adapters.rtp.RtcpSenderReport;
import org.skynet.vms.adapters.rtp.RtpPacket;
import org.skynet.vms.adapters.rtp.h264.H264Depacketizer;

class TrackReceiverTest {
    private static final Instant NOW = Instant.parse("2026-11-26T06:00:00Z");
    private static final byte[] SPS = Base64.getDecoder().decode("Z01AHtoCgL/lwEQAAAMABAAAAwDIPFi6gA==");
    private static final byte[] PPS = Base64.getDecoder().decode("aO88gA==");

    private static ByteBuffer rtp(int seq, long ts, boolean marker, byte[] payload) {
        byte[] p = new byte[RtpPacket.HEADER_BYTES + payload.length];
        RtpPacket.writeHeader(p, 0, marker, 96, seq, ts, 0xABCDL);
        System.arraycopy(payload, 0, p, RtpPacket.HEADER_BYTES, payload.length);
        return ByteBuffer.wrap(p);
    }

    @Test
    void deliversUnitsCountsGarbageAndTracksSenderReports() {
        List<AccessUnit> units = new ArrayList<>();
        H264Depacketizer d = new H264Depacketizer(units::add);
        d.setParameterSets(List.of(SPS, PPS));
        TrackReceiver r = new TrackReceiver(d, Clock.fixed(NOW, ZoneOffset.UTC));

        r.rtp(rtp(1, 9000, true, new byte[] {0x65, (byte) 0x88, 0x01, 0x02})); // IDR slice
        r.rtp(ByteBuffer.wrap(new byte[] {1, 2, 3})); // too short for RTP
        r.rtcp(ByteBuffer.wrap(new byte[] {(byte) 0x40, 0, 0, 0})); // RTCP version 1
        Instant cameraClock = NOW.minusSeconds(3);
        r.rtcp(ByteBuffer.wrap(new RtcpSenderReport(0xABCDL, RtcpSenderReport.instantToNtp(cameraClock), 9000, 1, 4)
                .toBytes()));
        r.rtp(rtp(2, 12600, true, new byte[] {0x41, (byte) 0x9a, 0x01})); // non-IDR slice, 40 ms later

        assertEquals(2, units.size());
        assertTrue(units.get(0).keyframe());
        assertEquals(NOW, units.get(0).wallClock(), "before the SR, wall time is arrival time");
        assertEquals(cameraClock.plusMillis(40), units.get(1).wallClock(), "after it, the camera's clock");
        assertEquals(WallClockSource.SERVER, units.get(0).wallClockSource());
        assertEquals(WallClockSource.CAMERA, units.get(1).wallClockSource());
        StreamStats stats = r.stats();
        assertEquals(2, stats.packets(), "the malformed one is not counted as a packet");
        assertEquals(2, stats.malformedPackets());
        assertEquals(2, stats.rtcpPackets());
        assertEquals(0xABCDL, stats.lastSenderReport().ssrc());
        assertTrue(stats.wallClockFromSenderReport());
        assertEquals(2, stats.frames());
    }

    @Test
    void aSenderReportBeforeTheFirstPacketGivesTheFirstPictureTheCameraClock() {
        List<AccessUnit> units = new ArrayList<>();
        H264Depacketizer d = new H264Depacketizer(units::add);
        d.setParameterSets(List.of(SPS, PPS));
        TrackReceiver r = new TrackReceiver(d, Clock.fixed(NOW, ZoneOffset.UTC));
        Instant cameraClock = NOW.minusSeconds(3);
        r.rtcp(ByteBuffer.wrap(new RtcpSenderReport(0xABCDL, RtcpSenderReport.instantToNtp(cameraClock), 9000, 0, 0)
                .toBytes()));
        r.rtp(rtp(1, 9000, true, new byte[] {0x65, (byte) 0x88, 0x01, 0x02}));
        r.rtp(rtp(2, 12600, true, new byte[] {0x41, (byte) 0x9a, 0x01}));

        assertEquals(cameraClock, units.get(0).wallClock());
        assertEquals(WallClockSource.CAMERA, units.get(0).wallClockSource());
        assertEquals(cameraClock.plusMillis(40), units.get(1).wallClock());
    }
}
