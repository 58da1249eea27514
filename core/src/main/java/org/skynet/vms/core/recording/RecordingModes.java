package org.skynet.vms.core.recording;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;

/**
 * The {@code camera_recording} table: each camera's {@link RecordingMode} (a camera without a row is
 * {@link RecordingMode#OFF}) and its own maximum age of recordings, if any (V9). Thread-safe.
 */
public final class RecordingModes {
    private final Jdbc jdbc;
    private final Clock clock;

    public RecordingModes(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The camera's mode ({@code OFF} when never set). */
    public RecordingMode mode(String cameraId) {
        return jdbc.queryOne("SELECT mode FROM camera_recording WHERE camera_id = ?",
                rs -> RecordingMode.parse(rs.getString(1)), cameraId).orElse(RecordingMode.OFF);
    }

    /**
     * Sets the camera's mode.
     *
     * @throws org.skynet.vms.errors.VmsException INTERNAL when the camera does not exist (foreign key);
     *     check the registry first
     */
    public void set(String cameraId, RecordingMode mode) {
        jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE camera_recording SET mode = ?, updated_at = ? WHERE camera_id = ?",
                    mode.wireName(), clock.instant(), cameraId) == 0) {
                Jdbc.update(c, "INSERT INTO camera_recording (camera_id, mode, updated_at) VALUES (?, ?, ?)",
                        cameraId, mode.wireName(), clock.instant());
            }
            return null;
        });
    }

    /**
     * Sets the camera's own maximum age of recorded segments, or {@code null} for the recorder default; a
     * camera without a row gets one with mode off.
     *
     * @throws org.skynet.vms.errors.VmsException INTERNAL when the camera does not exist (foreign key)
     */
    public void setMaxAgeDays(String cameraId, Integer days) {
        jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE camera_recording SET max_age_days = ?, updated_at = ? WHERE camera_id = ?",
                    days, clock.instant(), cameraId) == 0) {
                Jdbc.update(c, "INSERT INTO camera_recording (camera_id, mode, updated_at, max_age_days) "
                        + "VALUES (?, 'off', ?, ?)", cameraId, clock.instant(), days);
            }
            return null;
        });
    }

    /** The camera's own maximum age in days, empty when it uses the recorder default. */
    public Optional<Integer> maxAgeDays(String cameraId) {
        return jdbc.queryOne("SELECT max_age_days FROM camera_recording WHERE camera_id = ?",
                rs -> Optional.ofNullable(rs.getObject(1, Integer.class)), cameraId).flatMap(days -> days);
    }

    /** Every camera with its own maximum age (whatever its mode: old recordings of a camera now off age too). */
    public Map<String, Duration> maxAges() {
        Map<String, Duration> out = new LinkedHashMap<>();
        jdbc.query("SELECT camera_id, max_age_days FROM camera_recording WHERE max_age_days IS NOT NULL",
                rs -> out.put(rs.getString(1), Duration.ofDays(rs.getInt(2))));
        return out;
    }

    /** Every camera with a mode other than off, by id. */
    public Map<String, RecordingMode> recorded() {
        Map<String, RecordingMode> out = new LinkedHashMap<>();
        jdbc.query("SELECT camera_id, mode FROM camera_recording WHERE mode <> 'off' ORDER BY camera_id",
                rs -> out.put(rs.getString(1), RecordingMode.parse(rs.getString(2))));
        return out;
    }
}
