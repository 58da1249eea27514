package org.skynet.vms.adapters.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

class RtcpSenderReportTest {
    /** An RR with one report block, then an SR, then SDES CNAME: the order some cameras use. */
    private static final String COMPOUND =
            "81c90007 11223344 55667788 00000000 00000000 00000000 00000000 00000000"
            + "80c80006 12345678 eb0e1f00 80000000 0001e240 00000064 00012c00"
            + "81ca0003 12345678 0104616263000000";

    private static ByteBuffer hex(String s) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(s.replace(" ", "")));
    }

    @Test
    void findsTheSenderReportInACompoundPacket() {
        RtcpSenderReport sr = RtcpSenderReport.findIn(hex(COMPOUND)).orElseThrow();
        assertEquals(0x12345678L, sr.ssrc());
        assertEquals(123_456L, sr.rtpTimestamp());
        assertEquals(100, sr.packetCount());
        assertEquals(76_800, sr.octetCount());
        // 0xeb0e1f00 s after 1900 = 2024-12-19T04:26:40Z; fraction 0x80000000 = 0.5 s.
        assertEquals(Instant.parse("2024-12-19T04:26:40.500Z"), sr.ntpInstant());
    }

    @Test
    void compoundWithoutSenderReportIsEmpty() {
        assertEquals(Optional.empty(), RtcpSenderReport.findIn(hex("81ca0003 12345678 0104616263000000")));
    }

    @Test
    void ntpConversionRoundTripsAndHandlesEraOne() {
        Instant t = Instant.parse("2026-11-26T06:00:00.123456789Z");
        assertEquals(t, RtcpSenderReport.ntpToInstant(RtcpSenderReport.instantToNtp(t)));
        Instant afterEra = Instant.parse("2036-02-07T06:28:17Z");
        assertEquals(afterEra, RtcpSenderReport.ntpToInstant(RtcpSenderReport.instantToNtp(afterEra)));
    }

    @Test
    void toBytesParsesBack() {
        RtcpSenderReport sr = new RtcpSenderReport(0xfffffff0L, RtcpSenderReport.instantToNtp(Instant.EPOCH.plusSeconds(1 << 30)),
                0xfffffffeL, 7, 9);
        assertEquals(sr, RtcpSenderReport.findIn(ByteBuffer.wrap(sr.toBytes())).orElseThrow());
    }

    @Test
    void malformedCompoundsAreProtocolErrors() {
        for (String bad : new String[] {"80c8", "40c80006 12345678", "80c80009 12345678 00000000",
            "80c80001 12345678 00000000"}) {
            RtpException e = assertThrows(RtpException.class, () -> RtcpSenderReport.findIn(hex(bad)), bad);
            assertEquals(ErrorKind.PROTOCOL, e.kind());
        }
    }

    @Test
    void everyByteMutationIsFoundOrRejected() {
        byte[] valid = hex(COMPOUND).array();
        for (int i = 0; i < valid.length; i++) {
            for (int v = 0; v < 256; v += 3) {
                byte[] m = valid.clone();
                m[i] = (byte) v;
                try {
                    RtcpSenderReport.findIn(ByteBuffer.wrap(m)).ifPresent(sr -> assertTrue(sr.ntpInstant() != null));
                } catch (RtpException e) {
                    assertEquals(ErrorKind.PROTOCOL, e.kind());
                }
            }
        }
    }
}
