package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

class RtpPacketTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void parsesFixedHeader() {
        byte[] b = hex("80e0 fffe 0000 0e10 12345678 abcdef");
        RtpPacket p = RtpPacket.parse(ByteBuffer.wrap(b));
        assertTrue(p.marker());
        assertEquals(96, p.payloadType());
        assertEquals(65534, p.sequenceNumber());
        assertEquals(3600, p.timestamp());
        assertEquals(0x12345678L, p.ssrc());
        assertEquals(ByteBuffer.wrap(hex("abcdef")), p.payload());
    }

    @Test
    void unsignedFieldsAboveTwoToThe31() {
        RtpPacket p = RtpPacket.parse(ByteBuffer.wrap(hex("8060 0001 ffffffff 80000000 00")));
        assertFalse(p.marker());
        assertEquals(0xffffffffL, p.timestamp());
        assertEquals(0x80000000L, p.ssrc());
    }

    @Test
    void skipsCsrcsExtensionAndPadding() {
        // CC=2, X=1, P=1: two CSRCs, a one-word extension, payload "aa bb", 3 bytes of padding.
        byte[] b = hex("b260 0001 00000001 00000002 11111111 22222222 bede0001 01020304 aabb 0000 03");
        RtpPacket p = RtpPacket.parse(ByteBuffer.wrap(b));
        assertEquals(ByteBuffer.wrap(hex("aabb")), p.payload());
    }

    @Test
    void parseDoesNotMoveThePositionAndHonoursIt() {
        ByteBuffer buf = ByteBuffer.wrap(hex("ffff 8060 0007 00000000 00000000 55"));
        buf.position(2);
        RtpPacket p = RtpPacket.parse(buf);
        assertEquals(7, p.sequenceNumber());
        assertEquals(2, buf.position());
        assertEquals(1, p.payload().remaining());
    }

    @Test
    void malformedPacketsAreProtocolErrors() {
        for (String bad : new String[] {
            "8060 0001 00000000 000000", // 11 bytes
            "4060 0001 00000000 00000000", // version 1
            "8360 0001 00000000 00000000 00000001", // 3 CSRCs, only one present
            "9060 0001 00000000 00000000 bede", // extension header cut
            "9060 0001 00000000 00000000 bede0002 00000000", // extension longer than packet
            "a060 0001 00000000 00000000 aa 00", // padding count 0
            "a060 0001 00000000 00000000 aa 05", // padding longer than payload
        }) {
            RtpException e = assertThrows(RtpException.class, () -> RtpPacket.parse(ByteBuffer.wrap(hex(bad))), bad);
            assertEquals(ErrorKind.PROTOCOL, e.kind());
        }
    }

    @Test
    void errorMessageCarriesAHexDump() {
        RtpException e = assertThrows(RtpException.class,
                () -> RtpPacket.parse(ByteBuffer.wrap(hex("4060 0001 00000000 00000000"))));
        assertTrue(e.getMessage().contains("40 60 00 01"), e.getMessage());
    }

    @Test
    void writeHeaderRoundTrips() {
        byte[] b = new byte[14];
        RtpPacket.writeHeader(b, 0, true, 97, 0xfffe, 0xfedcba98L, 0x01020304L);
        RtpPacket p = RtpPacket.parse(ByteBuffer.wrap(b));
        assertEquals(97, p.payloadType());
        assertTrue(p.marker());
        assertEquals(0xfffe, p.sequenceNumber());
        assertEquals(0xfedcba98L, p.timestamp());
        assertEquals(0x01020304L, p.ssrc());
        assertEquals(2, p.payload().remaining());
    }

    @Test
    void everyByteMutationAndTruncationIsParsedOrRejectedAsProtocolError() {
        byte[] valid = hex("b260 0001 00000001 00000002 11111111 22222222 bede0001 01020304 aabb 0000 03");
        for (int i = 0; i < valid.length; i++) {
            for (int v = 0; v < 256; v++) {
                byte[] m = valid.clone();
                m[i] = (byte) v;
                parseOrProtocolError(m);
            }
            parseOrProtocolError(Arrays.copyOf(valid, i));
        }
    }

    private static void parseOrProtocolError(byte[] bytes) {
        try {
            RtpPacket p = RtpPacket.parse(ByteBuffer.wrap(bytes));
            assertTrue(p.payload().remaining() <= bytes.length - RtpPacket.HEADER_BYTES);
        } catch (RtpException e) {
            assertEquals(ErrorKind.PROTOCOL, e.kind());
        }
    }
}
