package org.skynet.vms.core.cluster;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.skynet.vms.core.db.Database;
import org.skynet.vms.core.db.Dialect;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.ErrorKind;
import org.skynet.vms.errors.VmsException;

/**
 * Camera leases and recorder nodes in the database (tables {@code camera_leases} and {@code recorder_nodes},
 * migration V14). Every expiry is computed and compared in the database's clock ({@code CURRENT_TIMESTAMP}),
 * so the nodes' clocks do not matter. Claims lock their candidate rows with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}: concurrent claimers never wait for each other and never take the
 * same camera. The same SQL runs on PostgreSQL and H2 except the renewal, which returns the renewed rows
 * ({@code UPDATE ... RETURNING} on PostgreSQL, {@code FINAL TABLE} on H2). Thread-safe; every method may throw
 * a {@link VmsException} ({@code UNREACHABLE} when the database is down).
 */
public final class LeaseStore {
    /** The cameras to be recorded: enabled, with an RTSP URL, recording mode continuous or events. */
    static final String RECORDED_CAMERAS = "SELECT c.id FROM cameras c JOIN camera_recording r ON r.camera_id = c.id "
            + "WHERE c.enabled = TRUE AND c.rtsp_url IS NOT NULL AND c.rtsp_url <> '' "
            + "AND r.mode IN ('continuous', 'events')";
    private static final String PLUS_TTL = "CURRENT_TIMESTAMP + CAST(? AS BIGINT) * INTERVAL '0.001' SECOND";
    private static final String MINUS_TTL = "CURRENT_TIMESTAMP - CAST(? AS BIGINT) * INTERVAL '0.001' SECOND";
    private static final String RENEW_POSTGRESQL = "UPDATE camera_leases SET expires_at = " + PLUS_TTL
            + " WHERE camera_id IN (SELECT camera_id FROM camera_leases WHERE node_id = ? "
            + "AND expires_at > CURRENT_TIMESTAMP ORDER BY camera_id FOR UPDATE) AND node_id = ? "
            + "RETURNING camera_id, epoch";
    private static final String RENEW_H2 = "SELECT camera_id, epoch FROM FINAL TABLE (UPDATE camera_leases SET "
            + "expires_at = " + PLUS_TTL + " WHERE node_id = ? AND expires_at > CURRENT_TIMESTAMP)";

    private final Jdbc jdbc;
    private final boolean postgres;

    public LeaseStore(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.postgres = jdbc.database().dialect() == Dialect.POSTGRESQL;
    }

    /**
     * Refuses a database that several recorder processes cannot share: cluster mode needs PostgreSQL (the
     * embedded H2 is one process's file).
     *
     * @throws VmsException UNSUPPORTED on H2
     */
    public static void requireShared(Database database) {
        if (database.dialect() != Dialect.POSTGRESQL) {
            throw new VmsException(ErrorKind.UNSUPPORTED, "recorder nodes share their cameras through PostgreSQL; "
                    + "the database is " + database.dialect() + " (set db.url to a PostgreSQL database)", "db.url", null);
        }
    }

    /**
     * Writes the node's row: its figures, state, {@code cameras} held and a fresh {@code heartbeat_at}; a node
     * without a row (or {@code starting}) gets {@code started_at} now as well.
     */
    public void heartbeat(String nodeId, NodeFigures figures, NodeState state, int cameras, boolean starting) {
        jdbc.withConnection(c -> {
            int updated = Jdbc.update(c, "UPDATE recorder_nodes SET url = ?, capacity = ?, state = ?, "
                            + "heartbeat_at = CURRENT_TIMESTAMP, cameras = ?, ingest_bps = ?, cpu_percent = ?, "
                            + "disk_used_bytes = ?, disk_free_bytes = ?, free_days = ?"
                            + (starting ? ", started_at = CURRENT_TIMESTAMP" : "") + " WHERE node_id = ?",
                    figures.url(), figures.capacity(), state.name(), cameras, figures.ingestBps(), figures.cpuPercent(),
                    figures.diskUsedBytes(), figures.diskFreeBytes(), figures.freeDays(), nodeId);
            if (updated == 0) {
                Jdbc.update(c, "INSERT INTO recorder_nodes (node_id, url, capacity, state, started_at, heartbeat_at, "
                                + "cameras, ingest_bps, cpu_percent, disk_used_bytes, disk_free_bytes, free_days) "
                                + "VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, ?, ?, ?, ?, ?, ?)",
                        nodeId, figures.url(), figures.capacity(), state.name(), cameras, figures.ingestBps(),
                        figures.cpuPercent(), figures.diskUsedBytes(), figures.diskFreeBytes(), figures.freeDays());
            }
            return null;
        });
    }

    /** Nodes in state ACTIVE whose heartbeat is younger than {@code ttl}, by id. */
    public List<ActiveNode> activeNodes(Duration ttl) {
        return jdbc.query("SELECT node_id, capacity FROM recorder_nodes WHERE state = 'ACTIVE' AND heartbeat_at > "
                + MINUS_TTL + " ORDER BY node_id", rs -> new ActiveNode(rs.getString(1), rs.getInt(2)), ttl.toMillis());
    }

    /** The number of cameras to be recorded, as lease rows (kept in line by {@link #sync}). */
    public int recordedCameras() {
        return jdbc.queryOne("SELECT COUNT(*) FROM camera_leases", rs -> rs.getInt(1)).orElse(0);
    }

    /**
     * Brings the lease rows in line with the cameras to be recorded: a free row (no node, epoch 0, expired) for
     * each newly recorded camera, and the row of each camera no longer recorded deleted (its holder finds it
     * gone at its next renewal and stops). Concurrent syncs by several nodes are harmless.
     *
     * @return the number of cameras to be recorded (lease rows) afterwards
     */
    public int sync() {
        return jdbc.withConnection(c -> {
            Jdbc.update(c, "INSERT INTO camera_leases (camera_id, node_id, epoch, acquired_at, expires_at) "
                    + "SELECT rc.id, NULL, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM (" + RECORDED_CAMERAS + ") rc "
                    + "WHERE NOT EXISTS (SELECT 1 FROM camera_leases l WHERE l.camera_id = rc.id) ON CONFLICT DO NOTHING");
            Jdbc.update(c, "DELETE FROM camera_leases WHERE camera_id NOT IN (" + RECORDED_CAMERAS + ")");
            return Jdbc.query(c, "SELECT COUNT(*) FROM camera_leases", rs -> rs.getInt(1)).get(0);
        });
    }

    /**
     * Claims up to {@code max} cameras whose lease is free or expired for the node, for {@code ttl}: each gets
     * the node, its epoch plus one, {@code acquired_at} now. One transaction; rows another claimer has locked
     * are skipped, and a row whose epoch changed between the read and the lock is left alone.
     *
     * @return the leases now held, with their new epochs
     */
    public List<Lease> claim(String nodeId, int max, Duration ttl) {
        if (max <= 0) {
            return List.of();
        }
        return jdbc.inTransaction(c -> {
            List<Lease> candidates = Jdbc.query(c, "SELECT camera_id, epoch FROM camera_leases "
                            + "WHERE expires_at <= CURRENT_TIMESTAMP ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED",
                    rs -> new Lease(rs.getString(1), rs.getLong(2)), max);
            if (candidates.isEmpty()) {
                return List.of();
            }
            int[] counts;
            try (PreparedStatement ps = c.prepareStatement("UPDATE camera_leases SET node_id = ?, epoch = epoch + 1, "
                    + "acquired_at = CURRENT_TIMESTAMP, expires_at = " + PLUS_TTL
                    + " WHERE camera_id = ? AND epoch = ? AND expires_at <= CURRENT_TIMESTAMP")) {
                for (Lease l : candidates) {
                    Jdbc.bind(ps, nodeId, ttl.toMillis(), l.cameraId(), l.epoch());
                    ps.addBatch();
                }
                counts = ps.executeBatch();
            }
            List<Lease> claimed = new ArrayList<>(candidates.size());
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    Lease l = candidates.get(i);
                    claimed.add(new Lease(l.cameraId(), l.epoch() + 1));
                }
            }
            return claimed;
        });
    }

    /**
     * Extends every unexpired lease of the node to {@code ttl} from now, in one statement (rows locked in camera
     * order, as {@link FencedSegmentCatalogue} does, so the two never deadlock).
     *
     * @return what the node still holds; a lease that expired or was taken is not in it
     */
    public List<Lease> renew(String nodeId, Duration ttl) {
        Jdbc.RowMapper<Lease> lease = rs -> new Lease(rs.getString(1), rs.getLong(2));
        return postgres ? jdbc.query(RENEW_POSTGRESQL, lease, ttl.toMillis(), nodeId, nodeId)
                : jdbc.query(RENEW_H2, lease, ttl.toMillis(), nodeId);
    }

    /**
     * Gives a camera up: the lease becomes free at once (no node, expired) and keeps its epoch.
     *
     * @return whether the node still held it under {@code epoch}
     */
    public boolean release(String nodeId, Lease lease) {
        return jdbc.update("UPDATE camera_leases SET node_id = NULL, expires_at = CURRENT_TIMESTAMP "
                + "WHERE camera_id = ? AND node_id = ? AND epoch = ?", lease.cameraId(), nodeId, lease.epoch()) == 1;
    }

    /**
     * Frees every lease of the node at once (a clean stop, after its recordings have stopped).
     *
     * @return how many it held
     */
    public int releaseAll(String nodeId) {
        return jdbc.update("UPDATE camera_leases SET node_id = NULL, expires_at = CURRENT_TIMESTAMP WHERE node_id = ?",
                nodeId);
    }

    /** The node's {@code n} most recently acquired unexpired leases, newest first (the ones it sheds). */
    public List<Lease> newest(String nodeId, int n) {
        return jdbc.query("SELECT camera_id, epoch FROM camera_leases WHERE node_id = ? AND expires_at > CURRENT_TIMESTAMP "
                + "ORDER BY acquired_at DESC, camera_id LIMIT ?", rs -> new Lease(rs.getString(1), rs.getLong(2)), nodeId, n);
    }

    /** Every unexpired lease by camera id, with its holder: camera → (node, epoch). For tests and status pages. */
    public Map<String, Holder> holders() {
        Map<String, Holder> out = new TreeMap<>();
        jdbc.query("SELECT camera_id, node_id, epoch FROM camera_leases WHERE node_id IS NOT NULL "
                        + "AND expires_at > CURRENT_TIMESTAMP",
                rs -> out.put(rs.getString(1), new Holder(rs.getString(2), rs.getLong(3))));
        return out;
    }

    /** The current epoch of a camera's lease row, whoever holds it, or -1 without a row. */
    public long epoch(String cameraId) {
        return jdbc.queryOne("SELECT epoch FROM camera_leases WHERE camera_id = ?", rs -> rs.getLong(1), cameraId)
                .orElse(-1L);
    }

    /**
     * Who holds a camera.
     *
     * @param nodeId the holding node
     * @param epoch  its epoch
     */
    public record Holder(String nodeId, long epoch) {
    }
}
