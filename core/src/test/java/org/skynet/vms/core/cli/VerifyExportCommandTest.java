package org.skynet.vms.core.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.exports.ExportManifest;
import org.skynet.vms.core.exports.SigningKey;
import org.skynet.vms.core.exports.TestExportDirectories;

/** {@code vms verify-export}: exit 0 intact, 1 broken, 2 bad usage; no database anywhere. */
class VerifyExportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void exitCodes() throws Exception {
        SigningKey key = SigningKey.loadOrCreate(tmp);
        Path export = TestExportDirectories.write(tmp.resolve("export"), key);
        Path pub = tmp.resolve(SigningKey.PUBLIC_FILE);
        assertEquals(VmsCommand.EXIT_OK, VmsCommand.execute("verify-export", export.toString()));
        assertEquals(VmsCommand.EXIT_OK, VmsCommand.execute("verify-export", export.toString(), "--public-key",
                pub.toString()));
        assertEquals(VmsCommand.EXIT_OK, VmsCommand.execute("verify-export", export.toString(), "--public-key",
                export.resolve(ExportManifest.PUBLIC_KEY_FILE).toString()));

        SigningKey.loadOrCreate(Files.createDirectories(tmp.resolve("other")));
        assertEquals(VmsCommand.EXIT_CHECK_FAILED, VmsCommand.execute("verify-export", export.toString(),
                "--public-key", tmp.resolve("other").resolve(SigningKey.PUBLIC_FILE).toString()));
        Files.write(export.resolve("recording-001.mp4"), new byte[] {1, 2, 3});
        assertEquals(VmsCommand.EXIT_CHECK_FAILED, VmsCommand.execute("verify-export", export.toString()));

        assertEquals(VmsCommand.EXIT_USAGE, VmsCommand.execute("verify-export", tmp.resolve("missing").toString()));
        assertEquals(VmsCommand.EXIT_USAGE, VmsCommand.execute("verify-export", export.toString(), "--public-key",
                tmp.resolve("no.pem").toString()));
        assertEquals(VmsCommand.EXIT_USAGE, VmsCommand.execute("verify-export"));
    }
}
