package org.skynet.vms.adapters.rtp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.Codec;
import org.skynet.vms.adapters.rtp.h264.H264Depacketizer;
import org.skynet.vms.adapters.rtp.h264.H264Packetizer;
import org.skynet.vms.adapters.rtp.h265.H265Depacketizer;
import org.skynet.vms.adapters.rtp.h265.H265Packetizer;

/** Builds RTP packet streams from access units and feeds them to depacketizers, for tests. */
public final class RtpStreams {
    /** SSRC used by the streams built here. */
    public static final long SSRC = 0x1234_5678L;
    /** First RTP timestamp: ten 25 fps frames before the 32-bit wrap, so every clip crosses it. */
    public static final long TIMESTAMP_BASE = (1L << 32) - 10 * 3600;
    /** First sequence number: crosses the 16-bit wrap within the first keyframe. */
    public static final int SEQUENCE_BASE = 65_530;

    private RtpStreams() {
    }

    /** One RTP packet plus the index of the access unit it carries. */
    public record Packet(int unitIndex, byte[] bytes) {
        /** A copy with the marker bit cleared. */
        public Packet withoutMarker() {
            byte[] b = bytes.clone();
            b[1] &= 0x7f;
            return new Packet(unitIndex, b);
        }
    }

    /** A packetizer for a codec. */
    public static RtpPacketizer packetizer(Codec codec, int maxPacketBytes, boolean aggregate) {
        return codec == Codec.H264
                ? new H264Packetizer(96, SSRC, SEQUENCE_BASE, maxPacketBytes, aggregate)
                : new H265Packetizer(96, SSRC, SEQUENCE_BASE, maxPacketBytes, aggregate);
    }

    /** A depacketizer for a codec. */
    public static VideoDepacketizer depacketizer(Codec codec, Consumer<AccessUnit> sink, DepacketizerLimits limits) {
        return codec == Codec.H264 ? new H264Depacketizer(sink, limits) : new H265Depacketizer(sink, limits);
    }

    /** Packetizes units with RTP timestamps {@code TIMESTAMP_BASE + pts90k} (mod 2^32). */
    public static List<Packet> packetize(Codec codec, List<AccessUnit> units, int maxPacketBytes, boolean aggregate) {
        RtpPacketizer p = packetizer(codec, maxPacketBytes, aggregate);
        List<Packet> out = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            int index = i;
            AccessUnit u = units.get(i);
            p.packetize(u, (TIMESTAMP_BASE + u.pts90k()) & 0xffff_ffffL,
                    (b, n) -> out.add(new Packet(index, Arrays.copyOf(b, n))));
        }
        return out;
    }

    /** Pushes every packet through the allocation-free {@code parseAndPush}, all arriving at {@code arrival}. */
    public static void pushAll(VideoDepacketizer d, List<Packet> packets, Instant arrival) {
        for (Packet p : packets) {
            ByteBuffer buf = ByteBuffer.allocate(p.bytes().length + 8);
            buf.position(5);
            buf.put(p.bytes()).flip().position(5); // not at index 0, to catch absolute-index mistakes
            d.parseAndPush(buf, arrival);
        }
    }

    /** Depacketizes a whole stream with default limits, flushing at the end. */
    public static List<AccessUnit> depacketizeAll(Codec codec, List<Packet> packets) {
        List<AccessUnit> out = new ArrayList<>();
        VideoDepacketizer d = depacketizer(codec, out::add, DepacketizerLimits.DEFAULT);
        pushAll(d, packets, Instant.EPOCH);
        d.flush();
        return out;
    }

    /** Indices of units whose packets are in the list. */
    public static int firstPacketOf(List<Packet> packets, int unitIndex) {
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).unitIndex() == unitIndex) {
                return i;
            }
        }
        throw new IllegalArgumentException("no packet for unit " + unitIndex);
    }

    /** Index of the last packet of a unit. */
    public static int lastPacketOf(List<Packet> packets, int unitIndex) {
        int last = -1;
        for (int i = 0; i < packets.size(); i++) {
            if (packets.get(i).unitIndex() == unitIndex) {
                last = i;
            }
        }
        return last;
    }
}
