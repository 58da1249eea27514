package org.skynet.vms.recorder.catalogue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import org.skynet.vms.recorder.segment.SegmentFile;

/**
 * The catalogue's row for one segment file. A row is identified by {@code (storageRoot, path)}.
 * Times: {@code startWall} is observed wall time of the first sample, {@code endWall} is start plus
 * media duration (see {@code docs/design/time.md}).
 *
 * @param cameraId         camera
 * @param storageRoot      the storage root the file lives under, as configured (absolute, normalized)
 * @param path             the file's path relative to {@code storageRoot}, with {@code /} separators
 * @param startWall        wall-clock start (UTC)
 * @param endWall          wall-clock end: start + media duration
 * @param mediaDuration90k sum of sample durations, 90 kHz ticks
 * @param frames           samples in the file
 * @param sizeBytes        bytes in the file
 * @param sha256           lower-case hex SHA-256 once closed, else {@code null}
 * @param state            open or closed
 * @param closeReason      {@link org.skynet.vms.recorder.segment.CloseReason} name once closed, else {@code null}
 */
public record SegmentRow(String cameraId, String storageRoot, String path, Instant startWall, Instant endWall,
        long mediaDuration90k, long frames, long sizeBytes, String sha256, SegmentState state, String closeReason) {

    public SegmentRow {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(storageRoot, "storageRoot");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(startWall, "startWall");
        Objects.requireNonNull(endWall, "endWall");
        Objects.requireNonNull(state, "state");
    }

    /** The row describing {@code file} (open or closed) under {@code storageRoot}. */
    public static SegmentRow of(Path storageRoot, SegmentFile file) {
        Path root = normalize(storageRoot);
        String relative = root.relativize(file.path().toAbsolutePath().normalize()).toString().replace('\\', '/');
        return new SegmentRow(file.cameraId(), root.toString(), relative, file.startWall(), file.endWall(),
                file.mediaDuration90k(), file.frames(), file.sizeBytes(), file.sha256(),
                file.closed() ? SegmentState.CLOSED : SegmentState.OPEN,
                file.closeReason() == null ? null : file.closeReason().name());
    }

    /** The storage root as rows spell it. */
    public static Path normalize(Path storageRoot) {
        return storageRoot.toAbsolutePath().normalize();
    }

    /** The file's absolute path. */
    public Path file() {
        return Path.of(storageRoot).resolve(path);
    }

    /** The media duration in milliseconds (rounded down). */
    public long mediaDurationMillis() {
        return mediaDuration90k / 90;
    }
}
