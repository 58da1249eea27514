package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.errors.ErrorKind;
import org.w3c.dom.Document;

class OnvifXmlTest {

    @Test
    void lookupsIgnorePrefixesAndDefaultNamespaces() {
        String prefixed = "<a:Root xmlns:a='urn:x'><a:Item>one</a:Item></a:Root>";
        String defaulted = "<Root xmlns='urn:x'><Item> one </Item></Root>";
        for (String xml : new String[] {prefixed, defaulted}) {
            Document doc = OnvifXml.parse(xml.getBytes(StandardCharsets.UTF_8));
            assertEquals("one", OnvifXml.childText(doc.getDocumentElement(), "urn:x", "Item").orElseThrow());
            assertTrue(OnvifXml.child(doc.getDocumentElement(), "urn:other", "Item").isEmpty());
        }
    }

    @Test
    void doctypeWithExternalEntityIsProtocolErrorAndNothingIsRead(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String xml = "<?xml version='1.0'?><!DOCTYPE r [<!ENTITY x SYSTEM '" + secret.toUri() + "'>]><r>&x;</r>";
        OnvifException e = assertThrows(OnvifException.class,
                () -> OnvifXml.parse(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
    }

    @Test
    void goldenExternalEntityFileIsRefused() {
        OnvifException e = assertThrows(OnvifException.class,
                () -> DeviceResponses.deviceInformation(OnvifTestData.bytes("evil_ExternalEntity.xml")));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertFalse(e.getMessage().contains("root:"), e.getMessage());
    }

    @Test
    void billionLaughsIsRefused() {
        OnvifException e = assertThrows(OnvifException.class,
                () -> OnvifXml.parse(OnvifTestData.bytes("evil_BillionLaughs.xml")));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
    }

    @Test
    void documentOverTheLimitIsRefusedBeforeParsing() {
        byte[] xml = "<r>0123456789</r>".getBytes(StandardCharsets.UTF_8);
        OnvifException e = assertThrows(OnvifException.class, () -> OnvifXml.parse(xml, 10));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
        assertTrue(e.getMessage().contains("limit"));
    }

    @Test
    void malformedAndUnboundPrefixAreProtocolErrors() {
        for (String xml : new String[] {"<r><a></r>", "<x:r/>", "", "not xml", "<r/><r/>"}) {
            OnvifException e = assertThrows(OnvifException.class,
                    () -> OnvifXml.parse(xml.getBytes(StandardCharsets.UTF_8)), xml);
            assertEquals(ErrorKind.PROTOCOL, e.kind());
        }
    }

    @Test
    void deepNestingIsRefused() {
        String xml = "<a>".repeat(500) + "</a>".repeat(500);
        OnvifException e = assertThrows(OnvifException.class,
                () -> OnvifXml.parse(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorKind.PROTOCOL, e.kind());
    }

    @Test
    void parserIsReusableAfterAFailure() {
        assertThrows(OnvifException.class, () -> OnvifXml.parse("<r>".getBytes(StandardCharsets.UTF_8)));
        assertEquals("r", OnvifXml.parse("<r/>".getBytes(StandardCharsets.UTF_8)).getDocumentElement().getLocalName());
    }
}
