package org.skynet.vms.core.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.core.recording.RecordingTimeline;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.playback.PlaybackService;
import org.skynet.vms.recorder.playback.SegmentFiles;
import org.skynet.vms.recorder.playback.SegmentSource;
import org.skynet.vms.recorder.playback.StitchedMp4;

/**
 * Writes one export directory: the range cut into parts of at most {@link #partSpan()} (each stitched
 * by {@link PlaybackService}, no re-encoding, named {@code recording-001.mp4}, ...), then
 * {@value ExportManifest#PUBLIC_KEY_FILE}, then the signed {@value ExportManifest#FILE_NAME} last: a
 * directory without a manifest is an unfinished export. Every file is forced to disk. A part ends
 * where the stitched file ends (the last whole fragment), and the next part starts there, so no
 * fragment is in two parts; a codec-parameter change starts a new part. Memory: one part at a time
 * in the heap. Blocking: run on the export executor.
 */
public final class ExportWriter {
    /** Rows read for the gap list, at most (a day of one-minute segments, with slack). */
    static final int MAX_GAP_ROWS = 10_000;
    private static final ObjectMapper PRETTY = new ObjectMapper();

    private final PlaybackService playback;
    private final SegmentSource segments;
    private final SigningKey key;
    private final String serverVersion;

    /**
     * @param segments      catalogue lookup
     * @param partSpan      longest part; at {@code 4 Mbit/s} 5 minutes are about 150 MB of heap while written
     * @param key           signs the manifest
     * @param serverVersion written into the manifest
     */
    public ExportWriter(SegmentSource segments, Duration partSpan, SigningKey key, String serverVersion) {
        this(segments, SegmentFiles.LOCAL, partSpan, key, serverVersion);
    }

    /** As above, reading the segment files through {@code files} (local, or on a recorder node in a cluster). */
    public ExportWriter(SegmentSource segments, SegmentFiles files, Duration partSpan, SigningKey key,
            String serverVersion) {
        this.playback = new PlaybackService(segments, files, partSpan, PlaybackService.DEFAULT_MAX_BYTES);
        this.segments = segments;
        this.key = key;
        this.serverVersion = serverVersion;
    }

    public Duration partSpan() {
        return playback.maxSpan();
    }

    /**
     * Writes the export of {@code request} into the new directory {@code dir}.
     *
     * @return the manifest as written
     * @throws VmsException NOT_FOUND when nothing was recorded in the range; INVALID_ARGUMENT when a part
     *                      is too large; INTERNAL on I/O errors
     */
    public byte[] write(ExportRecord request, ExportManifest.CameraInfo camera, Path dir) {
        try {
            Files.createDirectories(dir);
            List<ExportManifest.FileEntry> files = writeParts(request, dir);
            if (files.isEmpty()) {
                throw VmsException.notFound("no recording of camera " + request.cameraId() + " between "
                        + request.from() + " and " + request.to());
            }
            List<RecordingTimeline.Interval> gaps = RecordingTimeline.of(
                    segments.segments(request.cameraId(), request.from(), request.to(), MAX_GAP_ROWS), request.from(),
                    request.to()).gaps();
            ObjectNode manifest = ExportManifest.sign(ExportManifest.unsigned(request.id(), camera, request.from(),
                    request.to(), request.requestedBy(), request.requestedAt(), serverVersion, files, gaps,
                    key.publicKeyDer()), key);
            writeFile(dir.resolve(ExportManifest.PUBLIC_KEY_FILE),
                    SigningKey.pem(key.publicKeyDer()).getBytes(StandardCharsets.US_ASCII));
            byte[] manifestBytes = PRETTY.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            writeFile(dir.resolve(ExportManifest.FILE_NAME), manifestBytes);
            forceDirectory(dir);
            return manifestBytes;
        } catch (IOException e) {
            throw new VmsException(ErrorKind.INTERNAL, "cannot write export " + dir + ": " + e.getMessage(), e);
        }
    }

    private List<ExportManifest.FileEntry> writeParts(ExportRecord request, Path dir) throws IOException {
        List<ExportManifest.FileEntry> files = new ArrayList<>();
        Instant cursor = request.from();
        while (cursor.isBefore(request.to())) {
            Instant partEnd = min(cursor.plus(partSpan()), request.to());
            StitchedMp4 mp4;
            try {
                mp4 = playback.stitch(request.cameraId(), cursor, partEnd);
            } catch (VmsException e) {
                if (e.kind() != ErrorKind.NOT_FOUND) {
                    throw e;
                }
                cursor = partEnd;
                continue;
            }
            String name = String.format("recording-%03d.mp4", files.size() + 1);
            writeFile(dir.resolve(name), mp4.bytes());
            files.add(new ExportManifest.FileEntry(name, mp4.bytes().length, Sha256.hex(mp4.bytes()), mp4.startWall(),
                    mp4.endWall(), mp4.frames()));
            // The stitched file holds whole fragments up to its end: continue there, never earlier.
            cursor = mp4.endWall().isAfter(cursor) ? mp4.endWall() : partEnd;
        }
        return files;
    }

    private static void writeFile(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
