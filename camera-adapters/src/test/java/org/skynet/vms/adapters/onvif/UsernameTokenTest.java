package org.skynet.vms.adapters.onvif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class UsernameTokenTest {
    private static final byte[] NONCE = Base64.getDecoder().decode("AQIDBAUGBwgJCgsMDQ4PEA==");

    @Test
    void digestMatchesThePublishedVector() {
        // Vector from easy_onvif's authentication_test.dart, quoted in the fixture folder's SOURCES.md.
        assertEquals("iJSWNCOtYP5YI9F5j4z4/hkM/yo=",
                UsernameToken.digest(NONCE, "2024-01-20T21:10:00.000Z", "password"));
    }

    @Test
    void createdIsWrittenWithMillisecondsInUtc() {
        UsernameToken t = UsernameToken.create("admin", "password", NONCE, Instant.parse("2024-01-20T21:10:00Z"));
        assertEquals("2024-01-20T21:10:00.000Z", t.created());
        assertEquals("iJSWNCOtYP5YI9F5j4z4/hkM/yo=", t.passwordDigest());
        assertEquals("AQIDBAUGBwgJCgsMDQ4PEA==", t.nonceBase64());
    }

    @Test
    void headerParsesBackWithTheWsSecurityNamespaces() {
        UsernameToken t = UsernameToken.create("op<&>", "secret", NONCE, Instant.parse("2026-11-26T07:00:00.250Z"));
        byte[] envelope = SoapEnvelope.request(OnvifRequests.getDeviceInformation(), Optional.of(t), Optional.empty());
        Element root = OnvifXml.parse(envelope).getDocumentElement();
        Element token = OnvifXml.descendant(root, OnvifNamespaces.WSSE, "UsernameToken").orElseThrow();
        assertEquals("op<&>", OnvifXml.childText(token, OnvifNamespaces.WSSE, "Username").orElseThrow());
        assertEquals(t.passwordDigest(), OnvifXml.childText(token, OnvifNamespaces.WSSE, "Password").orElseThrow());
        assertEquals("2026-11-26T07:00:00.250Z",
                OnvifXml.childText(token, OnvifNamespaces.WSU, "Created").orElseThrow());
        assertFalse(new String(envelope, StandardCharsets.UTF_8).contains("secret"));
        assertFalse(t.toString().contains(t.passwordDigest()));
    }
}
