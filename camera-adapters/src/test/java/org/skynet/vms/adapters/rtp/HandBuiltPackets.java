package org.skynet.vms.adapters.rtp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Feeds RTP packets with hand-written hex payloads to one depacketizer, numbering them from a first
 * sequence number, for the per-codec payload format tests.
 */
public final class HandBuiltPackets {
    private static final int PAYLOAD_TYPE = 96;

    private final VideoDepacketizer depacketizer;
    private final long ssrc;
    private int seq;

    /**
     * @param depacketizer receives the packets
     * @param firstSeq     sequence number of the first packet
     * @param ssrc         SSRC of every packet
     */
    public HandBuiltPackets(VideoDepacketizer depacketizer, int firstSeq, long ssrc) {
        this.depacketizer = depacketizer;
        this.seq = firstSeq;
        this.ssrc = ssrc;
    }

    /** Pushes one packet; {@code payloadHex} may contain spaces. */
    public void push(boolean marker, long timestamp, String payloadHex) {
        byte[] payload = hex(payloadHex);
        byte[] p = new byte[12 + payload.length];
        RtpPacket.writeHeader(p, 0, marker, PAYLOAD_TYPE, seq++, timestamp, ssrc);
        System.arraycopy(payload, 0, p, 12, payload.length);
        depacketizer.push(RtpPacket.parse(ByteBuffer.wrap(p)), Instant.EPOCH);
    }

    /** NAL units given in hex, each behind a 4-byte length, as {@code AccessUnit.data()} holds them. */
    public static byte[] lengthPrefixed(String... nalsHex) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String h : nalsHex) {
            byte[] n = hex(h);
            b.writeBytes(ByteBuffer.allocate(4).putInt(n.length).array());
            b.writeBytes(n);
        }
        return b.toByteArray();
    }

    private static byte[] hex(String withSpaces) {
        return HexFormat.of().parseHex(withSpaces.replace(" ", ""));
    }
}
