package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.TestClips;

/** Packet shapes the packetizers produce for the simulator: sizes, markers, sequence numbers, headers. */
class PacketizerTest {

    @ParameterizedTest
    @EnumSource(Codec.class)
    void packetsFitTheLimitMarkersEndUnitsAndSequenceNumbersWrap(Codec codec) {
        List<AccessUnit> units = TestClips.units(codec);
        List<RtpStreams.Packet> packets = RtpStreams.packetize(codec, units, 1400, true);
        int expectedSeq = RtpStreams.SEQUENCE_BASE;
        for (int i = 0; i < packets.size(); i++) {
            RtpStreams.Packet p = packets.get(i);
            assertTrue(p.bytes().length <= 1400);
            RtpPacket parsed = RtpPacket.parse(ByteBuffer.wrap(p.bytes()));
            assertEquals(expectedSeq, parsed.sequenceNumber());
            expectedSeq = (expectedSeq + 1) & 0xffff;
            boolean lastOfUnit = i + 1 == packets.size() || packets.get(i + 1).unitIndex() != p.unitIndex();
            assertEquals(lastOfUnit, parsed.marker(), "marker of packet " + i);
            assertEquals((RtpStreams.TIMESTAMP_BASE + units.get(p.unitIndex()).pts90k()) & 0xffff_ffffL,
                    parsed.timestamp());
            assertEquals(RtpStreams.SSRC, parsed.ssrc());
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void keyframeStartsWithAnAggregationOfParameterSetsThenFragments(Codec codec) {
        List<RtpStreams.Packet> packets = RtpStreams.packetize(codec, TestClips.units(codec).subList(0, 1), 1400, true);
        ByteBuffer first = RtpPacket.parse(ByteBuffer.wrap(packets.get(0).bytes())).payload();
        ByteBuffer second = RtpPacket.parse(ByteBuffer.wrap(packets.get(1).bytes())).payload();
        ByteBuffer last = RtpPacket.parse(ByteBuffer.wrap(packets.get(packets.size() - 1).bytes())).payload();
        if (codec == Codec.H264) {
            assertEquals(24, first.get(0) & 0x1f, "STAP-A");
            assertEquals(0x60, first.get(0) & 0x60, "NRI is the highest of the aggregated units");
            assertEquals(28, second.get(0) & 0x1f, "FU-A");
            assertEquals(0x80 | 5, second.get(1) & 0xff, "start bit, IDR type");
            assertEquals(0x40 | 5, last.get(1) & 0xff, "end bit, IDR type");
        } else {
            assertEquals(48, (first.get(0) >> 1) & 0x3f, "AP");
            assertEquals(1, first.get(1) & 0x7, "TID");
            assertEquals(49, (second.get(0) >> 1) & 0x3f, "FU");
            assertEquals(0x80, second.get(2) & 0xc0, "start bit");
            assertEquals(0x40, last.get(2) & 0xc0, "end bit");
        }
    }
}
