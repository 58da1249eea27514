package org.skynet.vms.adapters.rtp.h264;

import org.skynet.vms.adapters.rtp.RtpPacketizer;

/**
 * H.264 RTP packetizer, RFC 6184 packetization-mode 1: single NAL unit packets, STAP-A for runs of
 * small NAL units (e.g. SPS + PPS + SEI) when aggregation is on, FU-A for NAL units bigger than a packet.
 * See {@link RtpPacketizer} for the common rules.
 */
public final class H264Packetizer extends RtpPacketizer {
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    /** Payload type 96, {@link #DEFAULT_MAX_PACKET_BYTES}, aggregation on. */
    public H264Packetizer(long ssrc, int initialSequenceNumber) {
        this(96, ssrc, initialSequenceNumber, DEFAULT_MAX_PACKET_BYTES, true);
    }

    /** See {@link RtpPacketizer#RtpPacketizer} for the arguments. */
    public H264Packetizer(int payloadType, long ssrc, int initialSequenceNumber, int maxPacketBytes,
            boolean aggregate) {
        super(H264Syntax.INSTANCE, payloadType, ssrc, initialSequenceNumber, maxPacketBytes, aggregate);
    }

    @Override
    protected int aggregationHeaderStart() {
        return STAP_A;
    }

    @Override
    protected int aggregationHeaderMerge(int header, byte[] data, int nal) {
        int h = data[nal] & 0xff;
        // §5.7.1: F is the OR of the aggregated F bits, NRI the maximum of their NRIs.
        return (header | (h & 0x80)) & ~0x60 | Math.max(header & 0x60, h & 0x60);
    }

    @Override
    protected void writeFragmentHeader(byte[] dst, int off, byte[] data, int nal, boolean start, boolean end) {
        int h = data[nal] & 0xff;
        dst[off] = (byte) ((h & 0xe0) | FU_A);
        dst[off + 1] = (byte) ((start ? 0x80 : 0) | (end ? 0x40 : 0) | (h & 0x1f));
    }
}
