package org.skynet.vms.adapters.rtp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;

/**
 * The sender info of an RTCP sender report (RFC 3550 §6.4.1): the camera's wall clock (NTP format)
 * paired with the RTP timestamp of the same instant. This is how media time is mapped to wall time.
 *
 * @param ssrc          sender's SSRC, unsigned 32-bit
 * @param ntpTimestamp  64-bit NTP timestamp: seconds since 1900 in the high 32 bits, fraction in the low 32
 * @param rtpTimestamp  RTP timestamp of the same instant, unsigned 32-bit
 * @param packetCount   sender's packet count, unsigned 32-bit
 * @param octetCount    sender's payload octet count, unsigned 32-bit
 */
public record RtcpSenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount,
        long octetCount) {

    /** RTCP packet type of a sender report. */
    public static final int PT_SR = 200;
    private static final int SR_BYTES = 28;
    /** Seconds from the NTP era-0 epoch (1900-01-01) to the Unix epoch. */
    private static final long NTP_ERA0_TO_UNIX_SECONDS = 2_208_988_800L;
    /** Seconds from 1900 to 2036-02-07T06:28:16Z, where NTP era 1 begins. */
    private static final long NTP_ERA_SECONDS = 1L << 32;

    /**
     * Finds the first sender report in a compound RTCP packet (RFC 3550 §6.1), read from {@code buf}'s
     * position to its limit without moving it. Other packet types (RR, SDES, BYE, APP) are skipped.
     *
     * @return the sender report, or empty when the compound packet has none
     * @throws RtpException when a packet header is not version 2 or its length runs past the end
     */
    public static Optional<RtcpSenderReport> findIn(ByteBuffer buf) {
        int pos = buf.position();
        int end = buf.limit();
        if (end - pos < 4) {
            throw RtpException.malformed("RTCP packet shorter than its 4-byte header", buf);
        }
        while (end - pos >= 4) {
            int b0 = buf.get(pos) & 0xff;
            if ((b0 >> 6) != 2) {
                throw RtpException.malformed("RTCP version " + (b0 >> 6) + " is not 2 at offset "
                        + (pos - buf.position()), buf);
            }
            int pt = buf.get(pos + 1) & 0xff;
            int bytes = 4 * ((buf.getShort(pos + 2) & 0xffff) + 1);
            if (bytes > end - pos) {
                throw RtpException.malformed("RTCP packet of " + bytes + " bytes at offset "
                        + (pos - buf.position()) + " runs past the end", buf);
            }
            if (pt == PT_SR) {
                if (bytes < SR_BYTES) {
                    throw RtpException.malformed("RTCP sender report of " + bytes + " bytes is too short", buf);
                }
                return Optional.of(new RtcpSenderReport(buf.getInt(pos + 4) & 0xffffffffL, buf.getLong(pos + 8),
                        buf.getInt(pos + 16) & 0xffffffffL, buf.getInt(pos + 20) & 0xffffffffL,
                        buf.getInt(pos + 24) & 0xffffffffL));
            }
            pos += bytes;
        }
        return Optional.empty();
    }

    /**
     * The NTP timestamp as an instant. Seconds values with the top bit clear are taken as NTP era 1
     * (2036 onwards), as RFC 4330 §3 suggests.
     */
    public Instant ntpInstant() {
        return ntpToInstant(ntpTimestamp);
    }

    /** Converts a 64-bit NTP timestamp to an instant (see {@link #ntpInstant()}). */
    public static Instant ntpToInstant(long ntp) {
        long seconds = ntp >>> 32;
        if ((seconds & 0x8000_0000L) == 0) {
            seconds += NTP_ERA_SECONDS;
        }
        long nanos = ((ntp & 0xffff_ffffL) * 1_000_000_000L) >>> 32;
        return Instant.ofEpochSecond(seconds - NTP_ERA0_TO_UNIX_SECONDS, nanos);
    }

    /** Converts an instant to a 64-bit NTP timestamp (the inverse of {@link #ntpToInstant}, to the nanosecond). */
    public static long instantToNtp(Instant instant) {
        long seconds = instant.getEpochSecond() + NTP_ERA0_TO_UNIX_SECONDS;
        long fraction = ((long) instant.getNano() << 32) / 1_000_000_000L + 1;
        if (fraction > 0xffff_ffffL) {
            fraction = 0xffff_ffffL;
        }
        return (seconds << 32) | fraction;
    }

    /** Encodes this report as a 28-byte RTCP SR packet with no report blocks (for simulators and tests). */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SR_BYTES);
        b.put((byte) 0x80).put((byte) PT_SR).putShort((short) (SR_BYTES / 4 - 1));
        b.putInt((int) ssrc).putLong(ntpTimestamp).putInt((int) rtpTimestamp).putInt((int) packetCount)
                .putInt((int) octetCount);
        return b.array();
    }
}
