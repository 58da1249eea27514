package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.TestClips;

class RtpReorderBufferTest {
    private final List<Integer> out = new ArrayList<>();
    private final List<ByteBuffer> buffers = new ArrayList<>();
    private final RtpReorderBuffer buffer = new RtpReorderBuffer(4, 64, (p, at) -> {
        out.add(p.getShort(p.position() + 2) & 0xffff);
        buffers.add(p);
    });

    private static ByteBuffer packet(int seq) {
        byte[] b = new byte[13];
        RtpPacket.writeHeader(b, 0, false, 96, seq, 0, 1);
        return ByteBuffer.wrap(b);
    }

    private void offer(int... seqs) {
        for (int s : seqs) {
            buffer.offer(packet(s), Instant.EPOCH);
        }
    }

    @Test
    void inOrderPacketsPassStraightThrough() {
        ByteBuffer p = packet(10);
        buffer.offer(p, Instant.EPOCH);
        offer(11, 12);
        assertEquals(List.of(10, 11, 12), out);
        assertSame(p, buffers.get(0), "not copied");
        assertEquals(0, buffer.reorderedPackets());
    }

    @Test
    void swappedPacketsComeOutInOrderAcrossTheWrap() {
        offer(65534, 0, 65535, 1);
        assertEquals(List.of(65534, 65535, 0, 1), out);
        assertEquals(2, buffer.reorderedPackets());
    }

    @Test
    void holeIsGivenUpWhenTheWindowIsFull() {
        offer(1, 3, 4, 5);
        assertEquals(List.of(1), out);
        offer(6);
        assertEquals(List.of(1, 3, 4, 5, 6), out);
        offer(2);
        assertEquals(List.of(1, 3, 4, 5, 6, 2), out, "late packets are passed on for the depacketizer to drop");
    }

    @Test
    void bigJumpReleasesWhatIsHeldAndRestarts() {
        offer(1, 3, 40_000, 40_002, 40_001);
        assertEquals(List.of(1, 3, 40_000, 40_001, 40_002), out);
        offer(5);
        assertEquals(5, out.get(5), "and back again");
    }

    @Test
    void flushReleasesEverythingHeld() {
        offer(1, 4, 3);
        buffer.flush();
        assertEquals(List.of(1, 3, 4), out);
    }

    @Test
    void badArguments() {
        assertThrows(IllegalArgumentException.class, () -> new RtpReorderBuffer(6, 1500, (p, a) -> { }));
        assertThrows(RtpException.class, () -> buffer.offer(ByteBuffer.allocate(5), Instant.EPOCH));
        assertThrows(RtpException.class, () -> buffer.offer(ByteBuffer.allocate(65), Instant.EPOCH));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void reorderedClipIsDeliveredWhole(Codec codec) {
        List<RtpStreams.Packet> packets = new ArrayList<>(RtpStreams.packetize(codec, TestClips.units(codec), 1400, true));
        for (int i = 3; i + 1 < packets.size(); i += 7) { // not the first: it fixes where the sequence starts
            packets.add(i, packets.remove(i + 1));
        }
        packets.add(40, packets.remove(43));
        List<AccessUnit> units = new ArrayList<>();
        VideoDepacketizer d = RtpStreams.depacketizer(codec, units::add, DepacketizerLimits.DEFAULT);
        RtpReorderBuffer reorder = new RtpReorderBuffer(8, 1500, d::parseAndPush);
        for (RtpStreams.Packet p : packets) {
            reorder.offer(ByteBuffer.wrap(p.bytes()), Instant.EPOCH);
        }
        reorder.flush();
        assertEquals(50, units.size());
        assertEquals(0, d.stats().packetsLost());
        assertEquals(RtpStreams.depacketizeAll(codec, RtpStreams.packetize(codec, TestClips.units(codec), 1400, true)),
                units);
    }
}
