package org.skynet.vms.core.nodes;

import org.skynet.vms.core.db.Jdbc;

/**
 * Writes the rows the recorder nodes would write ({@code recorder_nodes}, {@code camera_leases}) and the
 * cameras they record, straight by SQL, every time relative to the database's own clock as the nodes do.
 * For tests of the read side only; nothing here is how a node really claims a camera.
 */
public final class ClusterRows {
    /** A time {@code seconds} before the database's now (negative: after it). */
    private static final String AGO = "CURRENT_TIMESTAMP - CAST(? AS INTEGER) * INTERVAL '1' SECOND";

    private final Jdbc jdbc;

    public ClusterRows(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A camera of {@code district} in recording mode {@code mode}, its row and mode last changed
     * {@code changedSecondsAgo} ago.
     */
    public ClusterRows camera(String id, String district, String mode, int changedSecondsAgo) {
        return camera(id, district, true, "rtsp://192.0.2.10/" + id, mode, changedSecondsAgo);
    }

    /** As {@link #camera(String, String, String, int)}, possibly disabled or without an RTSP URL (null). */
    public ClusterRows camera(String id, String district, boolean enabled, String rtspUrl, String mode,
                              int changedSecondsAgo) {
        jdbc.update("INSERT INTO cameras (id, name, district, search_text, lat, lon, bearing, fov, range_m, rtsp_url,"
                + " tags, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, 23.01, 113.75, 90, 60, 50, ?, '', ?, "
                + AGO + ", " + AGO + ")", id, "Camera " + id, district, id, rtspUrl, enabled, changedSecondsAgo,
                changedSecondsAgo);
        jdbc.update("INSERT INTO camera_recording (camera_id, mode, updated_at) VALUES (?, ?, " + AGO + ")", id, mode,
                changedSecondsAgo);
        return this;
    }

    /** A node in {@code state} with the figures of its last heartbeat, {@code heartbeatSecondsAgo} ago. */
    public ClusterRows node(String id, String state, int capacity, int cameras, long ingestBps, Double cpuPercent,
                            Long diskUsedBytes, Long diskFreeBytes, Double freeDays, int heartbeatSecondsAgo) {
        jdbc.update("INSERT INTO recorder_nodes (node_id, url, capacity, state, started_at, heartbeat_at, cameras,"
                + " ingest_bps, cpu_percent, disk_used_bytes, disk_free_bytes, free_days) VALUES (?, ?, ?, ?, "
                + "CURRENT_TIMESTAMP - INTERVAL '1' HOUR, " + AGO + ", ?, ?, ?, ?, ?, ?)", id,
                "http://127.0.0.1:9/" + id, capacity, state, heartbeatSecondsAgo, cameras, ingestBps, cpuPercent,
                diskUsedBytes, diskFreeBytes, freeDays);
        return this;
    }

    /** The node's last heartbeat, {@code secondsAgo} ago. */
    public ClusterRows heartbeat(String nodeId, int secondsAgo) {
        jdbc.update("UPDATE recorder_nodes SET heartbeat_at = " + AGO + " WHERE node_id = ?", secondsAgo, nodeId);
        return this;
    }

    /**
     * The camera's lease: held by {@code nodeId} (null: released) until {@code expiresInSeconds} from now
     * (negative: expired that long ago); the epoch grows by one at each call, as at each claim.
     */
    public ClusterRows lease(String cameraId, String nodeId, int expiresInSeconds) {
        if (jdbc.update("UPDATE camera_leases SET node_id = ?, epoch = epoch + 1, acquired_at = CURRENT_TIMESTAMP,"
                + " expires_at = " + AGO + " WHERE camera_id = ?", nodeId, -expiresInSeconds, cameraId) == 0) {
            jdbc.update("INSERT INTO camera_leases (camera_id, node_id, epoch, acquired_at, expires_at)"
                    + " VALUES (?, ?, 1, CURRENT_TIMESTAMP, " + AGO + ")", cameraId, nodeId, -expiresInSeconds);
        }
        return this;
    }
}
