package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.media.NalKind;
import org.skynet.vms.adapters.media.TestClips;
import org.skynet.vms.adapters.rtp.RtpStreams.Packet;

/**
 * Packetize → depacketize over the real clips, for both codecs: byte-identical round trip, then what
 * loss, reordering, duplicates, missing markers and limits do to it.
 */
class DepacketizerRoundTripTest {

    static Stream<Arguments> packetShapes() {
        return Stream.of(Codec.values()).flatMap(c -> Stream.of(
                Arguments.of(c, 1400, true), Arguments.of(c, 1400, false), Arguments.of(c, 200, true),
                Arguments.of(c, 65_535, true)));
    }

    @ParameterizedTest(name = "{0} max {1} bytes, aggregate {2}")
    @MethodSource("packetShapes")
    void roundTripIsByteIdentical(Codec codec, int maxPacketBytes, boolean aggregate) {
        List<AccessUnit> in = TestClips.units(codec);
        List<AccessUnit> out = RtpStreams.depacketizeAll(codec,
                RtpStreams.packetize(codec, in, maxPacketBytes, aggregate));
        assertEquals(in.size(), out.size());
        for (int i = 0; i < in.size(); i++) {
            AccessUnit a = in.get(i);
            AccessUnit b = out.get(i);
            assertArrayEquals(a.data(), b.data(), "data of frame " + i);
            assertEquals(a.keyframe(), b.keyframe(), "keyframe of frame " + i);
            assertEquals(RtpStreams.TIMESTAMP_BASE + a.pts90k(), b.pts90k(), "pts90k of frame " + i + " across the wrap");
            assertEquals(a.parameters(), b.parameters());
            assertEquals(i == 0, b.parametersChanged(), "parametersChanged of frame " + i);
            assertFalse(b.discontinuity());
        }
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void lostMiddlePacketDropsThatFrameAndResumesAtNextKeyframe(Codec codec) {
        List<Packet> packets = stream(codec);
        int first = RtpStreams.firstPacketOf(packets, 10);
        int last = RtpStreams.lastPacketOf(packets, 10);
        packets.remove((first + last) / 2);
        Result r = run(codec, packets);
        assertEquals(expected(0, 10, 25, 50), r.indices);
        assertEquals(1, r.stats.packetsLost());
        assertEquals(1, r.stats.framesDroppedLoss());
        assertEquals(14, r.stats.framesSkippedAwaitingKeyframe());
        assertTrue(r.units.get(10).discontinuity(), "first frame after the gap is marked");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void lostMarkerPacketDropsBothFramesItMayBelongTo(Codec codec) {
        List<Packet> packets = stream(codec);
        packets.remove(RtpStreams.lastPacketOf(packets, 10));
        Result r = run(codec, packets);
        assertEquals(expected(0, 10, 25, 50), r.indices);
        assertEquals(2, r.stats.framesDroppedLoss());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void lostKeyframePacketLosesTheWholeGop(Codec codec) {
        List<Packet> packets = stream(codec);
        packets.remove(RtpStreams.firstPacketOf(packets, 25) + 1);
        Result r = run(codec, packets);
        assertEquals(expected(0, 25, 50, 50), r.indices);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void reorderedPacketsCostTheFrame(Codec codec) {
        List<Packet> packets = stream(codec);
        int first = RtpStreams.firstPacketOf(packets, 30);
        packets.add(first + 1, packets.remove(first));
        Result r = run(codec, packets);
        assertEquals(expected(0, 30, 50, 50), r.indices);
        assertEquals(1, r.stats.packetsDropped(), "the late packet is discarded");
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void duplicatePacketIsDiscardedWithoutLoss(Codec codec) {
        List<Packet> packets = stream(codec);
        int i = RtpStreams.firstPacketOf(packets, 3);
        packets.add(i + 1, packets.get(i));
        Result r = run(codec, packets);
        assertEquals(expected(0, 50, 50, 50), r.indices);
        assertEquals(1, r.stats.packetsDropped());
        assertEquals(0, r.stats.packetsLost());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void withoutMarkerBitsUnitsEndOnTimestampChange(Codec codec) {
        List<Packet> packets = new ArrayList<>();
        stream(codec).forEach(p -> packets.add(p.withoutMarker()));
        Result r = run(codec, packets);
        assertEquals(expected(0, 50, 50, 50), r.indices);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void joiningMidGopStartsAtTheNextKeyframe(Codec codec) {
        List<Packet> packets = stream(codec);
        packets.subList(0, RtpStreams.firstPacketOf(packets, 5) + 2).clear();
        Result r = run(codec, packets);
        assertEquals(expected(25, 50, 50, 50), r.indices);
        assertFalse(r.units.get(0).discontinuity(), "nothing was delivered before, so no discontinuity");
        assertTrue(r.units.get(0).parametersChanged());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void oversizeUnitsAreDroppedAndCounted(Codec codec) {
        List<AccessUnit> in = TestClips.units(codec);
        int biggestDelta = IntStream.range(0, in.size()).filter(i -> !in.get(i).keyframe())
                .map(i -> in.get(i).sizeBytes()).max().orElseThrow();
        List<AccessUnit> out = new ArrayList<>();
        VideoDepacketizer d = RtpStreams.depacketizer(codec, out::add,
                new DepacketizerLimits(1 << 20, biggestDelta + 16, 8192));
        RtpStreams.pushAll(d, stream(codec), Instant.EPOCH);
        assertEquals(0, out.size(), "keyframes are over the limit, so nothing decodable is delivered");
        assertEquals(2, d.stats().framesDroppedOversize());
        assertEquals(48, d.stats().framesSkippedAwaitingKeyframe());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void tooManyPacketsPerUnitIsOversize(Codec codec) {
        VideoDepacketizer d = RtpStreams.depacketizer(codec, u -> { }, new DepacketizerLimits(1 << 20, 1 << 22, 3));
        RtpStreams.pushAll(d, stream(codec), Instant.EPOCH);
        assertTrue(d.stats().framesDroppedOversize() >= 2);
        assertEquals(0, d.stats().framesEmitted());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void parameterSetsFromSdpAloneAreEnough(Codec codec) {
        List<AccessUnit> stripped = new ArrayList<>();
        for (AccessUnit u : TestClips.units(codec)) {
            stripped.add(new AccessUnit(codec, u.pts90k(), null, u.keyframe(), withoutParameterSets(codec, u), null,
                    false, false));
        }
        List<Packet> packets = RtpStreams.packetize(codec, stripped, 1400, true);
        List<AccessUnit> out = new ArrayList<>();
        VideoDepacketizer d = RtpStreams.depacketizer(codec, out::add, DepacketizerLimits.DEFAULT);
        RtpStreams.pushAll(d, packets, Instant.EPOCH);
        assertEquals(0, out.size(), "no parameter sets, nothing to deliver");
        assertNull(d.parameters());

        VideoDepacketizer withSdp = RtpStreams.depacketizer(codec, out::add, DepacketizerLimits.DEFAULT);
        AccessUnit first = TestClips.units(codec).get(0);
        List<byte[]> sprop = new ArrayList<>(first.parameters().vps());
        sprop.addAll(first.parameters().sps());
        sprop.addAll(first.parameters().pps());
        withSdp.setParameterSets(sprop);
        RtpStreams.pushAll(withSdp, packets, Instant.EPOCH);
        assertEquals(50, out.size());
        assertEquals(1920, out.get(0).parameters().width());
        assertTrue(out.get(0).parametersChanged());
        assertArrayEquals(stripped.get(7).data(), out.get(7).data());
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void wallClockFollowsArrivalThenSenderReport(Codec codec) {
        List<AccessUnit> out = new ArrayList<>();
        VideoDepacketizer d = RtpStreams.depacketizer(codec, out::add, DepacketizerLimits.DEFAULT);
        List<Packet> packets = stream(codec);
        Instant arrival = Instant.parse("2026-11-26T06:00:00Z");
        int split = RtpStreams.firstPacketOf(packets, 25);
        RtpStreams.pushAll(d, packets.subList(0, split), arrival);
        assertEquals(arrival, out.get(0).wallClock());
        assertEquals(arrival.plusMillis(40 * 24), out.get(24).wallClock());

        Instant cameraClock = Instant.parse("2026-11-26T05:59:58.500Z");
        long ts25 = (RtpStreams.TIMESTAMP_BASE + 25 * 3600L) & 0xffff_ffffL;
        d.senderReport(new RtcpSenderReport(RtpStreams.SSRC, RtcpSenderReport.instantToNtp(cameraClock), ts25, 0, 0));
        d.senderReport(new RtcpSenderReport(RtpStreams.SSRC + 1, 0, 0, 0, 0));
        RtpStreams.pushAll(d, packets.subList(split, packets.size()), arrival.plusSeconds(1));
        assertEquals(cameraClock, out.get(25).wallClock());
        assertEquals(cameraClock.plusMillis(400), out.get(35).wallClock());
        assertTrue(d.timeline().anchoredBySenderReport());
    }

    private static List<Packet> stream(Codec codec) {
        return new ArrayList<>(RtpStreams.packetize(codec, TestClips.units(codec), 1400, true));
    }

    private static byte[] withoutParameterSets(Codec codec, AccessUnit u) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer nal : u.nalUnits()) {
            byte[] b = new byte[nal.remaining()];
            nal.get(b);
            NalKind kind = TestClips.syntax(codec).kind(TestClips.syntax(codec).nalType(b, 0));
            if (kind != NalKind.SPS && kind != NalKind.PPS && kind != NalKind.VPS) {
                out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
                out.writeBytes(b);
            }
        }
        return out.toByteArray();
    }

    /** Frame indices [a, b) then [c, d). */
    private static List<Integer> expected(int a, int b, int c, int d) {
        List<Integer> out = new ArrayList<>();
        IntStream.range(a, b).forEach(out::add);
        IntStream.range(c, d).forEach(out::add);
        return out;
    }

    private record Result(List<AccessUnit> units, List<Integer> indices, DepacketizerStats stats) {
    }

    private static Result run(Codec codec, List<Packet> packets) {
        List<AccessUnit> out = new ArrayList<>();
        VideoDepacketizer d = RtpStreams.depacketizer(codec, out::add, DepacketizerLimits.DEFAULT);
        RtpStreams.pushAll(d, packets, Instant.EPOCH);
        d.flush();
        List<Integer> indices = new ArrayList<>();
        for (AccessUnit u : out) {
            indices.add((int) ((u.pts90k() - RtpStreams.TIMESTAMP_BASE) / 3600));
        }
        return new Result(out, indices, d.stats());
    }
}
