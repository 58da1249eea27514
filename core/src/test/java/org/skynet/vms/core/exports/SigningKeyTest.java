package org.skynet.vms.core.exports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.errors.VmsException;

class SigningKeyTest {
    @TempDir
    Path data;

    @Test
    void createdOnceOwnerOnlyAndReloadedTheSame() throws Exception {
        SigningKey first = SigningKey.loadOrCreate(data);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve(SigningKey.PRIVATE_FILE))));
        SigningKey again = SigningKey.loadOrCreate(data);
        assertArrayEquals(first.publicKeyDer(), again.publicKeyDer());
        byte[] msg = "manifest".getBytes(StandardCharsets.US_ASCII);
        assertTrue(SigningKey.verify(SigningKey.publicKey(again.publicKeyDer()), msg, first.sign(msg)));
        assertFalse(Files.exists(data.resolve(SigningKey.PRIVATE_FILE + ".tmp")));
    }

    @Test
    void aPublicKeyLeftFromACrashBeforeThePrivateKeyIsReplaced() throws Exception {
        Files.writeString(data.resolve(SigningKey.PUBLIC_FILE), "left over");
        SigningKey key = SigningKey.loadOrCreate(data);
        assertArrayEquals(key.publicKeyDer(),
                SigningKey.parsePem(Files.readString(data.resolve(SigningKey.PUBLIC_FILE))));
    }

    @Test
    void aPublicKeyOfAnotherPairIsRefused() throws Exception {
        SigningKey.loadOrCreate(data);
        Path other = Files.createDirectories(data.resolve("other"));
        SigningKey.loadOrCreate(other);
        Files.copy(other.resolve(SigningKey.PUBLIC_FILE), data.resolve(SigningKey.PUBLIC_FILE),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        VmsException e = assertThrows(VmsException.class, () -> SigningKey.loadOrCreate(data));
        assertTrue(e.getMessage().contains("is not the public key of"), e.getMessage());
    }
}
