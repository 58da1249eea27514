package org.skynet.vms.adapters.sim.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.Codec;

class RtpClipTest {
    private static ClipLibrary library;

    @BeforeAll
    static void load() {
        library = ClipLibrary.load();
    }

    @Test
    void clipsAreFourSecondsAt25FpsWithAKeyframeEverySecond() {
        for (ClipLibrary.Clip c : ClipLibrary.Clip.values()) {
            RtpClip clip = library.clip(c);
            assertEquals(100, clip.frameCount(), c.name());
            assertEquals(25, clip.frameRate(), c.name());
            assertEquals(3600, clip.frameDuration90k());
            for (int f = 0; f < 100; f++) {
                assertEquals(f % 25 == 0, clip.isKeyframe(f), c + " frame " + f);
            }
        }
        assertEquals(1920, library.clip(ClipLibrary.Clip.MAIN_H264).width());
        assertEquals(360, library.clip(ClipLibrary.Clip.SUB_H264).height());
        assertEquals(Codec.H265, library.clip(ClipLibrary.Clip.MAIN_H265).codec());
    }

    @Test
    void fmtpCarriesParameterSets() {
        String fmtp = library.clip(ClipLibrary.Clip.MAIN_H264).fmtp();
        assertTrue(fmtp.matches(
                "packetization-mode=1;profile-level-id=4D[0-9A-F]{4};sprop-parameter-sets=[A-Za-z0-9+/=]+,[A-Za-z0-9+/=]+"), fmtp);
        assertTrue(library.clip(ClipLibrary.Clip.MAIN_H265).fmtp().startsWith("sprop-vps="));
    }

    @Test
    void writeFramePatchesChannelSequenceTimestampAndSsrcOnly() {
        RtpClip clip = library.clip(ClipLibrary.Clip.MAIN_H264);
        int frame = 0;
        ByteBuf buf = clip.writeFrame(UnpooledByteBufAllocator.DEFAULT, frame, 4, 0xFFFE, 0x12345678, 0xCAFEBABE);
        try {
            int seq = 0xFFFE;
            int packets = 0;
            int payload = 0;
            while (buf.isReadable()) {
                assertEquals('$', buf.readByte());
                assertEquals(4, buf.readByte());
                int len = buf.readUnsignedShort();
                ByteBuf rtp = buf.readSlice(len);
                assertEquals(0x80, rtp.getUnsignedByte(0));
                assertEquals(RtpClip.PAYLOAD_TYPE, rtp.getUnsignedByte(1) & 0x7F);
                assertEquals(seq++ & 0xFFFF, rtp.getUnsignedShort(2), "sequence wraps");
                assertEquals(0x12345678, rtp.getInt(4));
                assertEquals(0xCAFEBABE, rtp.getInt(8));
                assertEquals(!buf.isReadable(), (rtp.getByte(1) & 0x80) != 0, "marker on the last packet only");
                packets++;
                payload += len - 12;
            }
            assertEquals(clip.packetCount(frame), packets);
            assertEquals(clip.payloadBytes(frame), payload);
        } finally {
            buf.release();
        }
    }
}
