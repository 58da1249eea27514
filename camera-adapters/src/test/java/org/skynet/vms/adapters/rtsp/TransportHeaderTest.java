package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.rtsp.TransportHeader.LowerTransport;
import org.skynet.vms.adapters.rtsp.TransportHeader.PortPair;
import org.skynet.vms.errors.ErrorKind;

class TransportHeaderTest {

    private static String header(String golden, String name) {
        return Golden.raw(golden).lines().filter(l -> l.startsWith(name + ":"))
                .map(l -> l.substring(name.length() + 1)).findFirst().orElseThrow();
    }

    @Test
    void dahuaInterleavedWithSsrc() {
        TransportHeader t = TransportHeader.parse(header("dahua_setup.txt", "Transport"));
        assertEquals(LowerTransport.TCP, t.lowerTransport());
        assertEquals(new PortPair(0, 1), t.interleaved());
        assertEquals("6B8B4567", t.ssrc());
    }

    @Test
    void blanksAroundSeparators() {
        TransportHeader t = TransportHeader.parse(header("spacing_setup.txt", "Transport"));
        assertEquals(new PortPair(0, 1), t.interleaved());
    }

    @Test
    void udpWithBothPortPairsAndSingleNumberForm() {
        TransportHeader t = TransportHeader.parse(
                "RTP/AVP;unicast;client_port=50000-50001;server_port=6970;ssrc=1A2B3C4D;mode=\"PLAY\"");
        assertEquals(LowerTransport.UDP, t.lowerTransport());
        assertEquals(new PortPair(50000, 50001), t.clientPort());
        assertEquals(new PortPair(6970, 6971), t.serverPort());
        assertNull(t.interleaved());
    }

    @Test
    void firstOfSeveralSpecs() {
        TransportHeader t = TransportHeader.parse("RTP/AVP/TCP;interleaved=2-3,RTP/AVP;client_port=4-5");
        assertEquals(new PortPair(2, 3), t.interleaved());
    }

    @Test
    void formatsWhatSetupSends() {
        assertEquals("RTP/AVP/TCP;unicast;interleaved=0-1", TransportHeader.interleaved(new PortPair(0, 1)).format());
        assertEquals("RTP/AVP;unicast;client_port=50000-50001", TransportHeader.udp(new PortPair(50000, 50001))
                .format());
    }

    @Test
    void roundTrip() {
        TransportHeader t = new TransportHeader(LowerTransport.UDP, null, new PortPair(2, 3), new PortPair(8, 9), "AB");
        assertEquals(t, TransportHeader.parse(t.format()));
    }

    @Test
    void rejectsWhatWeCannotUse() {
        assertEquals(ErrorKind.PROTOCOL, assertThrows(RtspException.class,
                () -> TransportHeader.parse("MP2T/H2221/UDP;unicast")).kind());
        assertThrows(RtspException.class, () -> TransportHeader.parse("RTP/AVP/TCP;interleaved=300-301"));
        assertThrows(RtspException.class, () -> TransportHeader.parse("RTP/AVP;client_port=x-y"));
        assertThrows(RtspException.class, () -> TransportHeader.parse(null));
        assertThrows(RtspException.class, () -> TransportHeader.parse("RTP/AVP;" + "x".repeat(2000)));
    }

    @Test
    void sessionHeaderWithTimeoutAndOddSpacing() {
        SessionHeader s = SessionHeader.parse(header("spacing_setup.txt", "Session"));
        assertEquals("1185236142", s.id());
        assertEquals(Duration.ofSeconds(30), s.timeout());
        assertEquals(Duration.ofSeconds(15), s.keepAliveInterval());
    }

    @Test
    void sessionHeaderDefaults() {
        SessionHeader dahua = SessionHeader.parse(header("dahua_setup.txt", "Session"));
        assertEquals("8BF5F97C", dahua.id());
        assertEquals(Duration.ofSeconds(60), dahua.timeout());
        assertEquals(SessionHeader.DEFAULT_TIMEOUT, SessionHeader.parse("77C41A8B").timeout());
        assertEquals(SessionHeader.DEFAULT_TIMEOUT, SessionHeader.parse("abc;timeout=banana").timeout());
        assertEquals(Duration.ofSeconds(1), SessionHeader.parse("abc;timeout=1").keepAliveInterval());
        assertThrows(RtspException.class, () -> SessionHeader.parse(" ;timeout=60"));
    }
}
