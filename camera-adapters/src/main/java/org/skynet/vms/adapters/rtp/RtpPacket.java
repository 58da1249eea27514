package org.skynet.vms.adapters.rtp;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One RTP data packet (RFC 3550 §5.1), header fields decoded and the payload as a view.
 *
 * <p>{@code payload} shares content with the buffer given to {@link #parse}: it is valid only as long
 * as that buffer is, so consume it (push it to a depacketizer, which copies) before releasing the
 * buffer. CSRC lists and header extensions are skipped; padding is removed.
 *
 * @param marker         the M bit; for video, set on the last packet of an access unit
 * @param payloadType    payload type, 0–127
 * @param sequenceNumber sequence number, 0–65535
 * @param timestamp      RTP timestamp as an unsigned 32-bit value (0–2^32-1), in the clock rate of the payload type
 * @param ssrc           synchronisation source as an unsigned 32-bit value
 * @param payload        the payload, from position to limit
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
        ByteBuffer payload) {

    /** Size of the fixed RTP header without CSRCs or extension. */
    public static final int HEADER_BYTES = 12;
    /** Largest packet {@link #parse} accepts: the largest UDP payload and interleaved frame. */
    public static final int MAX_PACKET_BYTES = 65_535;

    public RtpPacket {
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * Parses the packet from {@code buf}'s position to its limit, without moving the position.
     *
     * @throws RtpException when the version is not 2, or the header, CSRCs, extension or padding do not
     *                      fit in the packet
     */
    public static RtpPacket parse(ByteBuffer buf) {
        long bounds = payloadBounds(buf);
        int start = buf.position();
        int payloadStart = (int) (bounds >>> 32);
        int payloadEnd = (int) bounds;
        return new RtpPacket((buf.get(start + 1) & 0x80) != 0, buf.get(start + 1) & 0x7f,
                buf.getShort(start + 2) & 0xffff, buf.getInt(start + 4) & 0xffffffffL,
                buf.getInt(start + 8) & 0xffffffffL, buf.slice(payloadStart, payloadEnd - payloadStart));
    }

    /**
     * Validates the packet from {@code buf}'s position to its limit and locates its payload, without
     * allocating or moving the position.
     *
     * @return the payload's absolute start index in the high 32 bits, its absolute end in the low 32
     * @throws RtpException as {@link #parse} does
     */
    static long payloadBounds(ByteBuffer buf) {
        int start = buf.position();
        int length = buf.remaining();
        if (length < HEADER_BYTES) {
            throw RtpException.malformed("RTP packet shorter than the 12-byte header", buf);
        }
        if (length > MAX_PACKET_BYTES) {
            throw RtpException.malformed("RTP packet longer than " + MAX_PACKET_BYTES + " bytes", buf);
        }
        int b0 = buf.get(start) & 0xff;
        if ((b0 >> 6) != 2) {
            throw RtpException.malformed("RTP version " + (b0 >> 6) + " is not 2", buf);
        }
        int headerEnd = HEADER_BYTES + 4 * (b0 & 0x0f);
        if (headerEnd > length) {
            throw RtpException.malformed("RTP CSRC list runs past the end of the packet", buf);
        }
        if ((b0 & 0x10) != 0) {
            if (headerEnd + 4 > length) {
                throw RtpException.malformed("RTP header extension header runs past the end of the packet", buf);
            }
            int words = buf.getShort(start + headerEnd + 2) & 0xffff;
            headerEnd += 4 + 4 * words;
            if (headerEnd > length) {
                throw RtpException.malformed("RTP header extension runs past the end of the packet", buf);
            }
        }
        int payloadEnd = length;
        if ((b0 & 0x20) != 0) {
            int padding = buf.get(start + length - 1) & 0xff;
            if (padding == 0 || padding > length - headerEnd) {
                throw RtpException.malformed("RTP padding of " + padding + " bytes does not fit", buf);
            }
            payloadEnd -= padding;
        }
        return ((long) (start + headerEnd) << 32) | (start + payloadEnd);
    }

    /**
     * Writes a fixed 12-byte RTP header (version 2, no padding, extension or CSRCs) at {@code off}.
     *
     * @return {@link #HEADER_BYTES}
     */
    public static int writeHeader(byte[] dst, int off, boolean marker, int payloadType, int sequenceNumber,
            long timestamp, long ssrc) {
        dst[off] = (byte) 0x80;
        dst[off + 1] = (byte) ((marker ? 0x80 : 0) | (payloadType & 0x7f));
        dst[off + 2] = (byte) (sequenceNumber >> 8);
        dst[off + 3] = (byte) sequenceNumber;
        putInt(dst, off + 4, timestamp);
        putInt(dst, off + 8, ssrc);
        return HEADER_BYTES;
    }

    private static void putInt(byte[] dst, int off, long v) {
        dst[off] = (byte) (v >> 24);
        dst[off + 1] = (byte) (v >> 16);
        dst[off + 2] = (byte) (v >> 8);
        dst[off + 3] = (byte) v;
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc="
                + Long.toHexString(ssrc) + (marker ? " M" : "") + " " + payload.remaining() + "B]";
    }
}
