package org.skynet.vms.adapters.sim.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.onvif.OnvifRequests;
import org.skynet.vms.adapters.onvif.SoapEnvelope;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class SoapRequestParserTest {
    private final SoapRequestParser parser = new SoapRequestParser();

    @Test
    void readsOperationTokenAndProfileFromAnOdmStyleRequest() throws Exception {
        SoapRequest r = parser.parse(golden("odm_GetStreamUri.xml"));
        assertEquals("GetStreamUri", r.operation());
        assertEquals("sub", r.profileToken());
        assertEquals("admin", r.usernameToken().username());
        assertEquals("2026-01-01T00:00:00Z", r.usernameToken().created());
        assertTrue(UsernameTokenVerifier.verify(r.usernameToken(), "admin", "secret",
                Instant.parse("2026-01-01T00:01:00Z")));
    }

    @Test
    void requestWithoutHeaderHasNoToken() {
        SoapRequest r = parser.parse(bytes("<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body>"
                + "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></e:Body></e:Envelope>"));
        assertEquals("GetSystemDateAndTime", r.operation());
        assertNull(r.usernameToken());
    }

    @Test
    void readsTheEventRequestsOurClientSends() {
        SoapRequest pull = parser.parse(SoapEnvelope.request(OnvifRequests.pullMessages(Duration.ofSeconds(10), 25),
                Optional.empty(), Optional.empty()));
        assertEquals("PullMessages", pull.operation());
        assertEquals(25, pull.messageLimit());
        assertEquals(Duration.ofSeconds(10), SimDurations.relative(pull.timeout(), Instant.EPOCH, "Timeout"));
        SoapRequest create = parser.parse(SoapEnvelope.request(OnvifRequests.createPullPointSubscription(
                Duration.ofMinutes(2)), Optional.empty(), Optional.empty()));
        assertEquals("PT2M", create.terminationTime());
        SoapRequest renew = parser.parse(SoapEnvelope.request(OnvifRequests.renew(Duration.ofSeconds(30)),
                Optional.empty(), Optional.empty()));
        assertEquals("Renew", renew.operation());
        assertEquals("PT30S", renew.terminationTime());
    }

    @Test
    void eventTimesAreDurationsOrDateTimes() {
        Instant now = Instant.parse("2026-03-01T00:00:00Z");
        assertEquals(Duration.ofSeconds(90), SimDurations.relative("2026-03-01T00:01:30Z", now, "TerminationTime"));
        assertEquals(Duration.ofMinutes(1), SimDurations.relative(" pt1m ", now, "Timeout"));
        VmsException e = assertThrows(VmsException.class, () -> SimDurations.relative("soon", now, "Timeout"));
        assertEquals("Timeout", e.field());
    }

    @Test
    void refusesDtdsAndExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body><Op>&x;</Op></e:Body></e:Envelope>";
        VmsException e = assertThrows(VmsException.class, () -> parser.parse(bytes(xxe)));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
    }

    @Test
    void refusesGarbageAndEmptyBodies() {
        assertThrows(VmsException.class, () -> parser.parse(bytes("not xml")));
        assertThrows(VmsException.class, () -> parser.parse(bytes(
                "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>")));
        assertThrows(VmsException.class, () -> parser.parse(bytes("<a>" + "<b>".repeat(100) + "</b>".repeat(100) + "</a>")));
    }

    @Test
    void everyTruncationFailsCleanly() throws Exception {
        byte[] whole = golden("odm_GetStreamUri.xml");
        for (int n = 0; n < whole.length - 20; n += 7) {
            byte[] cut = java.util.Arrays.copyOf(whole, n);
            assertThrows(VmsException.class, () -> parser.parse(cut), "cut at " + n);
        }
    }

    static byte[] golden(String name) throws Exception {
        try (InputStream in = SoapRequestParserTest.class.getResourceAsStream("/testdata/sim/" + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
