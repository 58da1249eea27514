package org.skynet.vms.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.skynet.vms.core.db.Jdbc;

/**
 * Reads who watched a camera from the audit log: its live views (browser and RTSP), recorded playbacks
 * and exports, newest first. Each of those actions is recorded with the camera id as its target.
 * Blocking: worker threads. Thread-safe.
 */
public final class ViewingHistory {
    /** The audit actions that mean someone saw (or took away) a camera's video. */
    public static final List<String> ACTIONS = List.of("live.start", "live.stop", "live.rtsp.start", "live.rtsp.stop",
            "recording.playback", "recording.export", "recording.export.download");

    private final Jdbc jdbc;

    public ViewingHistory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} entries about {@code cameraId} at or after {@code from} and before {@code to}. */
    public List<AuditEntry> of(String cameraId, Instant from, Instant to, int limit) {
        List<Object> params = new ArrayList<>(List.of(cameraId, from, to));
        params.addAll(ACTIONS);
        params.add(limit);
        String actions = String.join(", ", Collections.nCopies(ACTIONS.size(), "?"));
        return jdbc.query("SELECT id, at, actor, action, target, detail, remote_address FROM audit_log"
                + " WHERE target = ? AND at >= ? AND at < ? AND action IN (" + actions + ") ORDER BY id DESC LIMIT ?",
                rs -> new AuditEntry(rs.getLong("id"), Jdbc.instant(rs, "at"), rs.getString("actor"),
                        rs.getString("action"), rs.getString("target"), rs.getString("detail"),
                        rs.getString("remote_address")), params.toArray());
    }
}
