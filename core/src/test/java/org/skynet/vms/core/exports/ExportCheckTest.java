package org.skynet.vms.core.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/** An export checked on its own: intact, then each kind of tampering named by file and field. */
class ExportCheckTest {
    @TempDir
    Path tmp;

    private SigningKey key;
    private Path export;

    @BeforeEach
    void setUp() throws Exception {
        key = SigningKey.loadOrCreate(tmp);
        export = TestExportDirectories.write(tmp.resolve("export"), key);
    }

    @Test
    void intactExportPassesWithAndWithoutAPinnedKey() {
        ExportCheck.Result r = ExportCheck.verify(export, null);
        assertTrue(r.intact(), r.summary());
        assertEquals(2, r.files());
        assertEquals(SigningKey.keyId(key.publicKeyDer()), r.keyId());
        assertTrue(ExportCheck.verify(export, key.publicKeyDer()).intact());
    }

    @Test
    void oneChangedByteInAFileNamesThatFile() throws Exception {
        Path f = export.resolve("recording-002.mp4");
        byte[] b = Files.readAllBytes(f);
        b[3] ^= 1;
        Files.write(f, b);
        ExportCheck.Result r = ExportCheck.verify(export, null);
        assertEquals(1, r.files());
        assertTrue(r.failure().orElseThrow().startsWith("recording-002.mp4: sha256 is "), r.summary());
    }

    @Test
    void aTruncatedOrMissingFileIsNamed() throws Exception {
        Files.write(export.resolve("recording-001.mp4"), new byte[3]);
        assertTrue(ExportCheck.verify(export, null).failure().orElseThrow()
                .startsWith("recording-001.mp4: bytes is 3, the manifest says "));
        Files.delete(export.resolve("recording-001.mp4"));
        assertEquals("recording-001.mp4: listed in the manifest but missing",
                ExportCheck.verify(export, null).failure().orElseThrow());
    }

    @Test
    void aChangedManifestFieldBreaksTheSignature() throws Exception {
        Path m = export.resolve(ExportManifest.FILE_NAME);
        Files.writeString(m, Files.readString(m).replace("\"operator\"", "\"someone\""));
        assertTrue(ExportCheck.verify(export, null).failure().orElseThrow()
                .startsWith("manifest.json: signature does not match the manifest"));
    }

    @Test
    void reformattingTheManifestKeepsItValid() throws Exception {
        Path m = export.resolve(ExportManifest.FILE_NAME);
        Files.writeString(m, Files.readString(m).replaceAll("\\s*\n\\s*", ""));
        assertTrue(ExportCheck.verify(export, null).intact(), "the signature covers the canonical form");
    }

    @Test
    void anotherSignerIsRefusedWhenTheKeyIsPinnedAndThePemMustMatch() throws Exception {
        SigningKey other = SigningKey.loadOrCreate(Files.createDirectories(tmp.resolve("other")));
        assertTrue(ExportCheck.verify(export, other.publicKeyDer()).failure().orElseThrow()
                .startsWith("manifest.json: signer.publicKey (key "));
        Files.writeString(export.resolve(ExportManifest.PUBLIC_KEY_FILE), SigningKey.pem(other.publicKeyDer()));
        assertEquals("public-key.pem: not the key in the manifest's signer.publicKey",
                ExportCheck.verify(export, null).failure().orElseThrow());
    }

    @Test
    void missingFieldsAndBadJsonAreNamed() throws Exception {
        Path m = export.resolve(ExportManifest.FILE_NAME);
        String text = Files.readString(m);
        Files.writeString(m, text.replace("\"signature\"", "\"signatur\""));
        assertEquals("manifest.json: field 'signature' missing", ExportCheck.verify(export, null).failure().orElseThrow());
        Files.writeString(m, text.substring(0, 40));
        assertTrue(ExportCheck.verify(export, null).failure().orElseThrow().startsWith("manifest.json: not valid JSON"));
    }

    @Test
    void aDirectoryWithoutManifestIsBadInput() {
        VmsException e = assertThrows(VmsException.class, () -> ExportCheck.verify(tmp.resolve("nothing"), null));
        assertEquals(ErrorKind.INVALID_ARGUMENT, e.kind());
        assertEquals("DIR", e.field());
    }
}
