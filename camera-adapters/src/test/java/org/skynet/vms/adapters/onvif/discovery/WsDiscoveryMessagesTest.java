package org.skynet.vms.adapters.onvif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.onvif.OnvifException;
import org.skynet.vms.adapters.onvif.OnvifNamespaces;
import org.skynet.vms.adapters.onvif.OnvifTestData;
import org.skynet.vms.adapters.onvif.OnvifXml;
import org.skynet.vms.adapters.onvif.SoapEnvelope;
import org.skynet.vms.errors.ErrorKind;
import org.w3c.dom.Element;

class WsDiscoveryMessagesTest {
    private static final UUID ID = UUID.fromString("11111111-2222-4333-8444-555555555555");

    @Test
    void probeAsksForNetworkVideoTransmitters() {
        byte[] probe = WsDiscoveryMessages.probe(ID);
        Element body = SoapEnvelope.openBody(probe, 1 << 16);
        assertTrue(OnvifXml.is(body, OnvifNamespaces.WSD, "Probe"));
        assertEquals("dn:NetworkVideoTransmitter", OnvifXml.childText(body, OnvifNamespaces.WSD, "Types").orElseThrow());
        Element envelope = body.getOwnerDocument().getDocumentElement();
        assertEquals("urn:uuid:" + ID, OnvifXml.descendant(envelope, OnvifNamespaces.WSA_2004, "MessageID")
                .map(OnvifXml::text).orElseThrow());
        assertEquals(OnvifNamespaces.NETWORK, body.lookupNamespaceURI("dn"));
    }

    @Test
    void axisProbeMatchWithScopesAndSeveralXAddrs() {
        WsDiscoveryMessages.ProbeMatches pm = WsDiscoveryMessages.probeMatches(OnvifTestData.bytes("axis_ProbeMatches.xml"));
        assertEquals(Optional.of("urn:uuid:" + ID), pm.relatesTo());
        ProbeMatch m = pm.matches().get(0);
        assertEquals("urn:uuid:5f4a3b2c-0000-4000-8000-accc8e000001", m.endpointReference());
        assertTrue(m.isNetworkVideoTransmitter());
        assertEquals(Optional.of("AXIS P3245-LVE"), m.name());
        assertEquals(Optional.of("P3245-LVE"), m.hardware());
        assertEquals(List.of("city/Main Square"), m.locations());
        assertEquals(List.of(URI.create("http://192.0.2.30/onvif/device_service"),
                URI.create("https://192.0.2.30/onvif/device_service"),
                URI.create("http://[2001:db8::30]/onvif/device_service")), m.xaddrs());
        assertEquals(1, m.metadataVersion());
    }

    @Test
    void dahuaProbeMatchWithOtherPrefixes() {
        ProbeMatch m = WsDiscoveryMessages.probeMatches(OnvifTestData.bytes("dahua_ProbeMatches.xml")).matches().get(0);
        assertEquals(Optional.of("Dahua"), m.name());
        assertEquals(Optional.of("IPC-HFW2431S-S-S2"), m.hardware());
        assertEquals(List.of("country/china"), m.locations());
        assertEquals(List.of(URI.create("http://192.0.2.21/onvif/device_service")), m.xaddrs());
    }

    @Test
    void notProbeMatchesIsProtocol() {
        OnvifException e = assertThrows(OnvifException.class, () -> WsDiscoveryMessages.probeMatches(
                WsDiscoveryMessages.probe(ID)));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertEquals(ErrorKind.PROTOCOL, assertThrows(OnvifException.class,
                () -> WsDiscoveryMessages.probeMatches(OnvifTestData.bytes("evil_ExternalEntity.xml"))).kind());
    }
}
