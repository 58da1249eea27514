package org.skynet.vms.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class RtspSourceTest {

    @Test
    void credentialsMoveOutOfTheUrl() {
        RtspSource s = RtspSource.of("rtsp://admin:p%40ss+w:rd@192.0.2.10/Streaming/Channels/101?transportmode=unicast");
        assertEquals(new Credentials("admin", "p@ss+w:rd"), s.credentials());
        assertEquals("rtsp://192.0.2.10/Streaming/Channels/101?transportmode=unicast", s.requestUrl());
        assertEquals(554, s.port());
        assertFalse(s.toString().contains("p@ss"), s.toString());
    }

    @Test
    void explicitCredentialsWin() {
        RtspSource s = RtspSource.of("rtsp://old:old@192.0.2.10:8554/live", "new", "secret");
        assertEquals("new", s.credentials().username());
        assertEquals("rtsp://192.0.2.10:8554/live", s.requestUrl());
        assertEquals(8554, s.port());
    }

    @Test
    void noCredentials() {
        assertNull(RtspSource.of("rtsp://192.0.2.10/live").credentials());
    }

    @Test
    void badUrlsAreInvalidArgumentsWithoutEchoingSecrets() {
        VmsException e = assertThrows(VmsException.class, () -> RtspSource.of("http://u:topsecret@192.0.2.10/"));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
        VmsException bad = assertThrows(VmsException.class, () -> RtspSource.of("rtsp://u:top secret@[x/"));
        assertFalse(bad.getMessage().contains("top secret"), bad.getMessage());
    }
}
