package org.skynet.vms.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

class SecretBoxTest {
    private final SecretBox box = new SecretBox(key((byte) 7));

    @Test
    void sealThenOpenGivesThePasswordBack() {
        String sealed = box.seal("s3cret påss", "cam-1");
        assertTrue(sealed.startsWith("v1."));
        assertFalse(sealed.contains("s3cret"));
        assertEquals("s3cret påss", box.open(sealed, "cam-1"));
    }

    @Test
    void sameSecretSealsDifferentlyEachTime() {
        assertNotEquals(box.seal("pw", "cam-1"), box.seal("pw", "cam-1"));
    }

    @Test
    void sealedValueOfOneCameraDoesNotOpenForAnother() {
        String sealed = box.seal("pw", "cam-1");
        VmsException e = assertThrows(VmsException.class, () -> box.open(sealed, "cam-2"));
        assertEquals(ErrorKind.INTERNAL, e.kind());
        assertFalse(e.getMessage().contains("pw"));
    }

    @Test
    void wrongKeyOrTamperedValueIsRefused() {
        String sealed = box.seal("pw", "cam-1");
        assertThrows(VmsException.class, () -> new SecretBox(key((byte) 8)).open(sealed, "cam-1"));
        char last = sealed.charAt(sealed.length() - 1);
        String tampered = sealed.substring(0, sealed.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThrows(VmsException.class, () -> box.open(tampered, "cam-1"));
        assertThrows(VmsException.class, () -> box.open("plain", "cam-1"));
        assertThrows(VmsException.class, () -> box.open("v1.AAAA", "cam-1"));
    }

    @Test
    void keyMustBe32Bytes() {
        assertThrows(VmsException.class, () -> new SecretBox(new byte[16]));
    }

    static byte[] key(byte b) {
        byte[] k = new byte[32];
        Arrays.fill(k, b);
        return k;
    }
}
