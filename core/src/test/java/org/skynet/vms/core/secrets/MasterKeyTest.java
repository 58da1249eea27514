package org.skynet.vms.core.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.errors.VmsException;

class MasterKeyTest {
    @TempDir
    Path data;

    @Test
    void firstStartCreatesAnOwnerOnlyKeyFileAndLaterStartsReuseIt() throws Exception {
        byte[] first = MasterKey.load(VmsConfig.ofFlags(Map.of()), data);
        Path file = data.resolve(MasterKey.FILE_NAME);
        assertTrue(Files.exists(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, first.length);
        assertArrayEquals(first, MasterKey.load(VmsConfig.ofFlags(Map.of()), data));
    }

    @Test
    void environmentKeyWinsAndNoFileIsWritten() {
        byte[] key = SecretBoxTest.key((byte) 3);
        VmsConfig config = VmsConfig.load(null, Map.of("VMS_MASTER_KEY", Base64.getEncoder().encodeToString(key)), Map.of());
        assertArrayEquals(key, MasterKey.load(config, data));
        assertFalse(Files.exists(data.resolve(MasterKey.FILE_NAME)));
    }

    @Test
    void malformedKeyNamesTheVariableButNotTheKey() {
        VmsConfig config = VmsConfig.load(null, Map.of("VMS_MASTER_KEY", "c2hvcnQ="), Map.of());
        VmsException e = assertThrows(VmsException.class, () -> MasterKey.load(config, data));
        assertTrue(e.getMessage().contains("VMS_MASTER_KEY"));
        assertFalse(e.getMessage().contains("c2hvcnQ="));
    }
}
