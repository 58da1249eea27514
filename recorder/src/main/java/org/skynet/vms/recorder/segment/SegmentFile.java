package org.skynet.vms.recorder.segment;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.skynet.vms.adapters.media.Codec;

/**
 * What the catalogue records about one segment file, open or closed. Wall time and media time are
 * kept apart (see {@code docs/design/time.md}): {@code startWall} is observed, the media duration is
 * the sum of the sample durations in the file, and {@link #endWall()} is derived from the two.
 *
 * @param cameraId          camera the file belongs to
 * @param path              where the file is
 * @param codec             video codec of the only track
 * @param width             picture width in pixels
 * @param height            picture height in pixels
 * @param startWall         wall-clock instant (UTC) of the first sample
 * @param mediaDuration90k  sum of sample durations written so far, 90 kHz ticks
 * @param frames            samples written so far
 * @param fragments         complete fragments written so far
 * @param sizeBytes         bytes in the file (init segment included)
 * @param sha256            lower-case hex SHA-256 of the whole file once closed; {@code null} while open
 * @param closeReason       why it was closed; {@code null} while open
 */
public record SegmentFile(String cameraId, Path path, Codec codec, int width, int height, Instant startWall,
        long mediaDuration90k, long frames, int fragments, long sizeBytes, String sha256, CloseReason closeReason) {

    public SegmentFile {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(startWall, "startWall");
    }

    /** Whether the file is complete and will not change. */
    public boolean closed() {
        return closeReason != null;
    }

    /** The media duration as a {@link Duration} (nanosecond precision, rounded down). */
    public Duration mediaDuration() {
        return Duration.ofNanos(mediaDuration90k * 100_000 / 9);
    }

    /** {@code startWall} plus the media duration: the derived wall-clock end. */
    public Instant endWall() {
        return startWall.plus(mediaDuration());
    }
}
