package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;

class OnvifFaultTest {

    @Test
    void notAuthorizedIsAuthFailed() {
        OnvifFault f = assertThrows(OnvifFault.class,
                () -> DeviceResponses.deviceInformation(OnvifTestData.bytes("hikvision_NotAuthorized.xml")));
        assertEquals(ErrorKind.AUTH_FAILED, f.kind());
        assertEquals("Sender", f.code());
        assertEquals(List.of("NotAuthorized"), f.subcodes());
        assertTrue(f.reason().startsWith("The action requested requires authorization"));
    }

    @Test
    void actionNotSupportedIsUnsupportedWithNestedSubcodesKept() {
        OnvifFault f = assertThrows(OnvifFault.class,
                () -> SoapEnvelope.openBody(OnvifTestData.bytes("axis_ActionNotSupported.xml"), 1 << 20));
        assertEquals(ErrorKind.UNSUPPORTED, f.kind());
        assertEquals("Receiver", f.code());
        assertEquals(List.of("ActionNotSupported", "AudioNotSupported"), f.subcodes());
        assertTrue(f.getMessage().contains("Receiver/ActionNotSupported/AudioNotSupported"), f.getMessage());
    }

    @Test
    void otherFaultsAreProtocol() {
        OnvifFault f = new OnvifFault("Sender", List.of("InvalidArgVal", "NoProfile"), "No such profile");
        assertEquals(ErrorKind.PROTOCOL, f.kind());
        assertTrue(f.hasSubcode("NoProfile"));
        assertTrue(f.withContext("GetStreamUri at http://192.0.2.1/onvif").getMessage()
                .startsWith("GetStreamUri at http://192.0.2.1/onvif: SOAP fault Sender/InvalidArgVal/NoProfile"));
    }

    @Test
    void soap11FaultIsRead() {
        String xml = "<soap:Envelope xmlns:soap='http://schemas.xmlsoap.org/soap/envelope/'><soap:Body><soap:Fault>"
                + "<faultcode>soap:Client</faultcode><faultstring>Bad request</faultstring></soap:Fault></soap:Body>"
                + "</soap:Envelope>";
        OnvifFault f = assertThrows(OnvifFault.class,
                () -> SoapEnvelope.openBody(xml.getBytes(StandardCharsets.UTF_8), 1 << 20));
        assertEquals("Client", f.code());
        assertEquals("Bad request", f.reason());
        assertEquals(ErrorKind.PROTOCOL, f.kind());
    }
}
