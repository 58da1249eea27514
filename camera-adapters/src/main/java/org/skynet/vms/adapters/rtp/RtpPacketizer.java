package org.skynet.vms.adapters.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.skynet.vms.adapters.media.AccessUnit;
import org.skynet.vms.adapters.media.NalSyntax;

/**
 * Turns {@link AccessUnit}s into RTP packets; the codec-neutral half of a packetizer, for the camera
 * simulator and round-trip tests. A NAL unit that fits a packet goes alone (single NAL unit packet);
 * runs of small NAL units are aggregated (STAP-A / AP) when enabled; bigger NAL units are fragmented
 * (FU-A / FU). The marker bit is set on the last packet of each access unit. Subclasses supply the
 * codec's aggregation and fragmentation headers.
 *
 * <p>Not thread-safe (it owns a sequence number and a packet buffer). No allocation per packet with
 * {@link #packetize(AccessUnit, long, PacketSink)}.
 */
public abstract class RtpPacketizer {
    /** Default largest packet: fits an Ethernet MTU with IP/UDP headers to spare. */
    public static final int DEFAULT_MAX_PACKET_BYTES = 1400;

    private final NalSyntax syntax;
    private final int payloadType;
    private final long ssrc;
    private final boolean aggregate;
    private final byte[] packet;
    private int sequenceNumber;

    /**
     * @param payloadType           RTP payload type, 96–127 for dynamic
     * @param ssrc                  SSRC, unsigned 32-bit
     * @param initialSequenceNumber first sequence number, 0–65535
     * @param maxPacketBytes        largest packet including the 12-byte RTP header, at least 64
     * @param aggregate             whether to aggregate runs of small NAL units into one packet
     */
    protected RtpPacketizer(NalSyntax syntax, int payloadType, long ssrc, int initialSequenceNumber,
            int maxPacketBytes, boolean aggregate) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payloadType out of range: " + payloadType);
        }
        if (maxPacketBytes < 64 || maxPacketBytes > RtpPacket.MAX_PACKET_BYTES) {
            throw new IllegalArgumentException("maxPacketBytes out of range: " + maxPacketBytes);
        }
        this.syntax = syntax;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.aggregate = aggregate;
        this.packet = new byte[maxPacketBytes];
        this.sequenceNumber = initialSequenceNumber & 0xffff;
    }

    /** The sequence number the next packet will carry. */
    public final int nextSequenceNumber() {
        return sequenceNumber;
    }

    /** Packetizes with the RTP timestamp {@code pts90k mod 2^32}, returning copies of the packets. */
    public final List<byte[]> packetize(AccessUnit unit) {
        List<byte[]> out = new ArrayList<>();
        packetize(unit, unit.pts90k() & 0xffff_ffffL, (p, n) -> out.add(Arrays.copyOf(p, n)));
        return out;
    }

    /**
     * Packetizes one access unit.
     *
     * @param rtpTimestamp RTP timestamp for every packet of the unit, unsigned 32-bit
     * @param sink         receives each packet; the array is reused
     */
    public final void packetize(AccessUnit unit, long rtpTimestamp, PacketSink sink) {
        byte[] data = unit.data();
        int budget = packet.length - RtpPacket.HEADER_BYTES;
        int pos = 0;
        while (pos < data.length) {
            int nalLen = lengthAt(data, pos);
            int nal = pos + AccessUnit.LENGTH_PREFIX_BYTES;
            int next = nal + nalLen;
            if (nalLen < syntax.headerBytes() || next > data.length) {
                throw new IllegalArgumentException("access unit data is not length-prefixed NAL units at " + pos);
            }
            int run = aggregate ? aggregationRun(data, pos, budget) : 1;
            if (run > 1) {
                next = sendAggregate(data, pos, run, rtpTimestamp, sink);
            } else if (nalLen <= budget) {
                int n = header(next == data.length, rtpTimestamp);
                System.arraycopy(data, nal, packet, n, nalLen);
                sink.accept(packet, n + nalLen);
            } else {
                sendFragments(data, nal, nalLen, next == data.length, rtpTimestamp, sink);
            }
            pos = next;
        }
    }

    /** How many NAL units from {@code pos} fit one aggregation packet (1 when aggregation does not pay). */
    private int aggregationRun(byte[] data, int pos, int budget) {
        int size = syntax.headerBytes();
        int count = 0;
        while (pos < data.length) {
            int nalLen = lengthAt(data, pos);
            if (size + 2 + nalLen > budget || nalLen > 0xffff) {
                break;
            }
            size += 2 + nalLen;
            count++;
            pos += AccessUnit.LENGTH_PREFIX_BYTES + nalLen;
        }
        return count;
    }

    private int sendAggregate(byte[] data, int pos, int count, long rtpTimestamp, PacketSink sink) {
        int acc = aggregationHeaderStart();
        int p = pos;
        for (int i = 0; i < count; i++) {
            acc = aggregationHeaderMerge(acc, data, p + AccessUnit.LENGTH_PREFIX_BYTES);
            p += AccessUnit.LENGTH_PREFIX_BYTES + lengthAt(data, p);
        }
        int n = header(p == data.length, rtpTimestamp);
        for (int i = syntax.headerBytes() - 1; i >= 0; i--) {
            packet[n++] = (byte) (acc >>> (8 * i));
        }
        p = pos;
        for (int i = 0; i < count; i++) {
            int nalLen = lengthAt(data, p);
            packet[n++] = (byte) (nalLen >> 8);
            packet[n++] = (byte) nalLen;
            System.arraycopy(data, p + AccessUnit.LENGTH_PREFIX_BYTES, packet, n, nalLen);
            n += nalLen;
            p += AccessUnit.LENGTH_PREFIX_BYTES + nalLen;
        }
        sink.accept(packet, n);
        return p;
    }

    private void sendFragments(byte[] data, int nal, int nalLen, boolean lastNal, long rtpTimestamp,
            PacketSink sink) {
        int fuHeaderBytes = syntax.headerBytes() + 1;
        int chunk = packet.length - RtpPacket.HEADER_BYTES - fuHeaderBytes;
        int pos = nal + syntax.headerBytes();
        int end = nal + nalLen;
        boolean start = true;
        while (pos < end) {
            int n = Math.min(chunk, end - pos);
            boolean last = pos + n == end;
            int h = header(last && lastNal, rtpTimestamp);
            writeFragmentHeader(packet, h, data, nal, start, last);
            System.arraycopy(data, pos, packet, h + fuHeaderBytes, n);
            sink.accept(packet, h + fuHeaderBytes + n);
            pos += n;
            start = false;
        }
    }

    private int header(boolean marker, long rtpTimestamp) {
        int n = RtpPacket.writeHeader(packet, 0, marker, payloadType, sequenceNumber, rtpTimestamp, ssrc);
        sequenceNumber = (sequenceNumber + 1) & 0xffff;
        return n;
    }

    private static int lengthAt(byte[] data, int pos) {
        return ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8)
                | (data[pos + 3] & 0xff);
    }

    /** The aggregation packet's payload header before any NAL unit is merged in, as an int. */
    protected abstract int aggregationHeaderStart();

    /** Merges the NAL unit header at {@code data[nal]} into an aggregation payload header. */
    protected abstract int aggregationHeaderMerge(int header, byte[] data, int nal);

    /**
     * Writes the fragmentation unit headers ({@code headerBytes() + 1} bytes) at {@code dst[off]} for a
     * fragment of the NAL unit at {@code data[nal]}.
     */
    protected abstract void writeFragmentHeader(byte[] dst, int off, byte[] data, int nal, boolean start,
            boolean end);
}
