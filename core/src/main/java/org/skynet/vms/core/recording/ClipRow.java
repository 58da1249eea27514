package org.skynet.vms.core.recording;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The catalogue's row for one clip file (table {@code clips}, migration V8).
 *
 * @param id            catalogue id
 * @param cameraId      camera
 * @param triggerType   {@code manual}, {@code external}, {@code alarm}, {@code onvif-motion}, ...
 * @param triggerDetail who or what triggered it, or a note; may be {@code null}
 * @param triggeredAt   trigger time, our clock
 * @param startWall     wall-clock start of the first sample (UTC)
 * @param endWall       start + media duration; equals the start while the file is open
 * @param sizeBytes     bytes in the file
 * @param frames        samples in the file
 * @param sha256        lower-case hex SHA-256 once closed, else {@code null}
 * @param state         {@code open} while being written, then {@code closed}
 * @param locked        under evidence lock: never deleted
 * @param lockedBy      who locked it, or {@code null}
 * @param lockedAt      when, or {@code null}
 * @param lockReason    why (case number, ...), or {@code null}
 * @param file          where the file is (absolute)
 */
public record ClipRow(long id, String cameraId, String triggerType, String triggerDetail, Instant triggeredAt,
        Instant startWall, Instant endWall, long sizeBytes, long frames, String sha256, String state, boolean locked,
        String lockedBy, Instant lockedAt, String lockReason, Path file) {

    /** Whether the file is complete. */
    public boolean closed() {
        return "closed".equals(state);
    }

    /** Duration covered in milliseconds. */
    public long durationMillis() {
        return endWall.toEpochMilli() - startWall.toEpochMilli();
    }
}
