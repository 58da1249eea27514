package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.rtp.RtpPacket;
import org.skynet.vms.adapters.rtp.h264.H264Depacketizer;
import org.skynet.vms.adapters.rtsp.TransportHeader.PortPair;

/** Interleaved RTP between RTSP responses, through the whole pipeline to the depacketizer. */
class RtpDemuxHandlerTest {
    private final EmbeddedRtsp rtsp = new EmbeddedRtsp("rtsp://192.0.2.30:554/h264Preview_01_main");

    @AfterEach
    void release() {
        rtsp.close();
    }

    private static byte[] interleaved(int channel, int seq, boolean marker, byte[] payload) {
        byte[] packet = new byte[4 + RtpPacket.HEADER_BYTES + payload.length];
        packet[0] = '$';
        packet[1] = (byte) channel;
        int length = RtpPacket.HEADER_BYTES + payload.length;
        packet[2] = (byte) (length >> 8);
        packet[3] = (byte) length;
        RtpPacket.writeHeader(packet, 4, marker, 96, seq, 3600L * seq, 7);
        System.arraycopy(payload, 0, packet, 4 + RtpPacket.HEADER_BYTES, payload.length);
        return packet;
    }

    @Test
    void framesOnRegisteredChannelsReachTheDepacketizerAndOthersAreDropped() {
        List<AccessUnit> units = new ArrayList<>();
        H264Depacketizer d = new H264Depacketizer(units::add);
        d.setParameterSets(List.of(Base64.getDecoder().decode("Z01AHtoCgL/lwEQAAAMABAAAAwDIPFi6gA=="),
                Base64.getDecoder().decode("aO88gA==")));
        TrackReceiver receiver = new TrackReceiver(d, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        rtsp.channel.pipeline().get(RtpDemuxHandler.class).register(new PortPair(2, 3), receiver);

        CompletableFuture<RtspResponse> play = rtsp.handler.send(RtspRequest.of("PLAY", "rtsp://192.0.2.30/"));
        rtsp.channel.writeInbound(Unpooled.wrappedBuffer(interleaved(2, 1, true, new byte[] {0x65, (byte) 0x88, 1})));
        rtsp.answer("reolink_play.txt", 1);
        rtsp.channel.writeInbound(Unpooled.wrappedBuffer(interleaved(0, 9, true, new byte[] {0x65, 1})));
        rtsp.channel.writeInbound(Unpooled.wrappedBuffer(interleaved(2, 2, true, new byte[] {0x41, (byte) 0x9a, 1})));

        assertEquals(200, play.join().statusCode(), "the response between frames is matched");
        assertEquals(2, units.size(), "both frames of channel 2; channel 0 was not set up");
        assertTrue(units.get(0).keyframe());
        assertEquals(2, receiver.stats().packets());
    }
}
