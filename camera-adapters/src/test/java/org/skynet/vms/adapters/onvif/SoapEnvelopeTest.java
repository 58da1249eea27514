package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.onvif.SoapEnvelope.Addressing;
import org.skynet.vms.errors.ErrorKind;
import org.w3c.dom.Element;

class SoapEnvelopeTest {

    @Test
    void everyRequestTemplateIsAWellFormedSoap12Envelope() {
        String[] bodies = {
            OnvifRequests.getSystemDateAndTime(), OnvifRequests.getDeviceInformation(), OnvifRequests.getCapabilities(),
            OnvifRequests.getServices(), OnvifRequests.getProfiles(OnvifNamespaces.MEDIA),
            OnvifRequests.getProfiles(OnvifNamespaces.MEDIA2),
            OnvifRequests.getStreamUri(OnvifNamespaces.MEDIA, "Profile_1"),
            OnvifRequests.getStreamUri(OnvifNamespaces.MEDIA2, "p&1"),
            OnvifRequests.getSnapshotUri(OnvifNamespaces.MEDIA2, "p<2"),
            OnvifRequests.createPullPointSubscription(Duration.ofMinutes(10)),
            OnvifRequests.pullMessages(Duration.ofSeconds(5), 100), OnvifRequests.renew(Duration.ofMinutes(10)),
            OnvifRequests.unsubscribe(),
        };
        for (String body : bodies) {
            byte[] envelope = SoapEnvelope.request(body, Optional.empty(),
                    Optional.of(new Addressing("urn:action", "http://192.0.2.1/x?a=1&b=2")));
            Element first = SoapEnvelope.openBody(envelope, 1 << 20);
            assertTrue(first.getNamespaceURI().startsWith("http://"), body);
        }
    }

    @Test
    void tokensAreEscaped() {
        byte[] envelope = SoapEnvelope.request(OnvifRequests.getStreamUri(OnvifNamespaces.MEDIA, "a</ProfileToken>"),
                Optional.empty(), Optional.empty());
        Element body = SoapEnvelope.openBody(envelope, 1 << 20);
        assertEquals("a</ProfileToken>",
                OnvifXml.childText(body, OnvifNamespaces.MEDIA, "ProfileToken").orElseThrow());
    }

    @Test
    void notAnEnvelopeOrEmptyBodyIsProtocol() {
        for (String xml : new String[] {
            "<Envelope/>", "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'/>",
            "<s:Envelope xmlns:s='http://www.w3.org/2003/05/soap-envelope'><s:Body/></s:Envelope>"}) {
            OnvifException e = assertThrows(OnvifException.class,
                    () -> SoapEnvelope.openBody(xml.getBytes(StandardCharsets.UTF_8), 1 << 20));
            assertEquals(ErrorKind.PROTOCOL, e.kind(), xml);
        }
    }
}
