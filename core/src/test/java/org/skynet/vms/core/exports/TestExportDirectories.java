package org.skynet.vms.core.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.skynet.vms.core.recording.RecordingTimeline;

/** Builds small signed export directories for tests (the files are arbitrary bytes, not video). */
public final class TestExportDirectories {
    static final Instant FROM = Instant.parse("2026-11-26T06:00:00Z");
    static final Instant TO = Instant.parse("2026-11-26T06:10:00Z");

    private TestExportDirectories() {
    }

    /** An export of two files signed with {@code key} in {@code dir}. */
    public static Path write(Path dir, SigningKey key) throws IOException {
        Files.createDirectories(dir);
        byte[] a = "first part of the recording".getBytes(StandardCharsets.US_ASCII);
        byte[] b = "second part".getBytes(StandardCharsets.US_ASCII);
        Files.write(dir.resolve("recording-001.mp4"), a);
        Files.write(dir.resolve("recording-002.mp4"), b);
        List<ExportManifest.FileEntry> files = List.of(
                new ExportManifest.FileEntry("recording-001.mp4", a.length, Sha256.hex(a), FROM, FROM.plusSeconds(300), 7500),
                new ExportManifest.FileEntry("recording-002.mp4", b.length, Sha256.hex(b), FROM.plusSeconds(320), TO, 7000));
        var manifest = ExportManifest.sign(ExportManifest.unsigned("e-1", new ExportManifest.CameraInfo("cam-1",
                "Gate Ä \"north\"", "d1"), FROM, TO, "operator", TO.plusSeconds(5), "test", files,
                List.of(new RecordingTimeline.Interval(FROM.plusSeconds(300), FROM.plusSeconds(320))),
                key.publicKeyDer()), key);
        Files.write(dir.resolve(ExportManifest.FILE_NAME),
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        Files.writeString(dir.resolve(ExportManifest.PUBLIC_KEY_FILE), SigningKey.pem(key.publicKeyDer()));
        return dir;
    }
}
