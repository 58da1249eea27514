package org.skynet.vms.adapters.rtp.h265;

import org.skynet.vms.adapters.rtp.RtpPacketizer;

/**
 * H.265 RTP packetizer, RFC 7798 without DONL: single NAL unit packets, aggregation packets (AP) for
 * runs of small NAL units (e.g. VPS + SPS + PPS) when aggregation is on, fragmentation units (FU) for
 * NAL units bigger than a packet. See {@link RtpPacketizer} for the common rules.
 */
public final class H265Packetizer extends RtpPacketizer {
    private static final int AP = 48;
    private static final int FU = 49;

    /** Payload type 96, {@link #DEFAULT_MAX_PACKET_BYTES}, aggregation on. */
    public H265Packetizer(long ssrc, int initialSequenceNumber) {
        this(96, ssrc, initialSequenceNumber, DEFAULT_MAX_PACKET_BYTES, true);
    }

    /** See {@link RtpPacketizer#RtpPacketizer} for the arguments. */
    public H265Packetizer(int payloadType, long ssrc, int initialSequenceNumber, int maxPacketBytes,
            boolean aggregate) {
        super(H265Syntax.INSTANCE, payloadType, ssrc, initialSequenceNumber, maxPacketBytes, aggregate);
    }

    @Override
    protected int aggregationHeaderStart() {
        // Layer id and TID start at their maxima and are lowered to the minimum of the aggregated units.
        return (AP << 9) | (0x3f << 3) | 0x7;
    }

    @Override
    protected int aggregationHeaderMerge(int header, byte[] data, int nal) {
        int h = ((data[nal] & 0xff) << 8) | (data[nal + 1] & 0xff);
        // §4.4.2: F is the OR of the aggregated F bits; LayerId and TID the lowest among them.
        int f = (header | h) & 0x8000;
        int layerId = Math.min((header >> 3) & 0x3f, (h >> 3) & 0x3f);
        int tid = Math.min(header & 0x7, h & 0x7);
        return f | (AP << 9) | (layerId << 3) | tid;
    }

    @Override
    protected void writeFragmentHeader(byte[] dst, int off, byte[] data, int nal, boolean start, boolean end) {
        int h0 = data[nal] & 0xff;
        int type = (h0 >> 1) & 0x3f;
        dst[off] = (byte) ((h0 & 0x81) | (FU << 1));
        dst[off + 1] = data[nal + 1];
        dst[off + 2] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | type);
    }
}
