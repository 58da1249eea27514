package org.skynet.vms.core.nodes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.VmsException;

/**
 * Reads {@code recorder_nodes} and {@code camera_leases} (V14), which the recorder nodes write, together with
 * the registry and the recording modes. Every comparison of times is made by the database against its own
 * {@code CURRENT_TIMESTAMP}, the clock the nodes' leases use, never against this server's. Same SQL on
 * PostgreSQL and H2. Thread-safe; each method is one or two queries on one connection.
 */
public final class NodeDirectory {
    /**
     * Cameras that should be recorded (enabled, with an RTSP URL, mode other than off; as the in-process
     * recorder decides) with their lease row if any, and no live lease: nobody holds it, or its holder's time
     * ran out.
     */
    private static final String UNLEASED = " FROM cameras c JOIN camera_recording r ON r.camera_id = c.id"
            + " LEFT JOIN camera_leases l ON l.camera_id = c.id"
            + " WHERE c.enabled = TRUE AND c.rtsp_url IS NOT NULL AND c.rtsp_url <> '' AND r.mode <> 'off'"
            + " AND (l.node_id IS NULL OR l.expires_at <= CURRENT_TIMESTAMP)";
    private static final String RECORDABLE = " FROM cameras c JOIN camera_recording r ON r.camera_id = c.id"
            + " WHERE c.enabled = TRUE AND c.rtsp_url IS NOT NULL AND c.rtsp_url <> '' AND r.mode <> 'off'";
    /** CAST: both databases then know the parameter's type (H2 refuses an untyped one in interval arithmetic). */
    private static final String SECONDS_AGO = "CURRENT_TIMESTAMP - CAST(? AS INTEGER) * INTERVAL '1' SECOND";

    private final Jdbc jdbc;

    public NodeDirectory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every node (by id) with the cluster's totals; a node is LOST when its heartbeat is older than the lease
     * TTL. Outside cluster mode {@code unassignedCameras} is null: the in-process recorder holds no leases.
     */
    public NodesOverview overview(NodeSettings settings) {
        Duration ttl = settings.leaseTtl();
        return jdbc.withConnection(c -> {
            Counts counts = Jdbc.query(c, "SELECT CURRENT_TIMESTAMP AS db_now,"
                    + " (SELECT COUNT(*)" + RECORDABLE + "), (SELECT COUNT(*)" + UNLEASED + ")",
                    rs -> new Counts(Jdbc.instant(rs, "db_now"), rs.getInt(2), rs.getInt(3))).get(0);
            List<RecorderNode> nodes = Jdbc.query(c, "SELECT n.*, (SELECT COUNT(*) FROM camera_leases l"
                    + " WHERE l.node_id = n.node_id AND l.expires_at > CURRENT_TIMESTAMP) AS leases"
                    + " FROM recorder_nodes n ORDER BY n.node_id", rs -> node(rs, counts.at(), ttl));
            return new NodesOverview(counts.at(), settings.clusterEnabled(), ttl.toSeconds(), nodes,
                    NodesOverview.Totals.of(nodes), counts.recorded(),
                    settings.clusterEnabled() ? counts.unleased() : null);
        });
    }

    /**
     * The cameras that should be recorded and have had no live lease for longer than {@code grace}: since
     * their lease expired, or, never leased, since their recording mode or registry row last changed (a
     * camera just switched on is not late yet). One query.
     *
     * @param limit at most this many ids are returned; {@code total} counts all of them
     */
    public UnassignedCameras unassigned(Duration grace, int limit) {
        int seconds = Math.toIntExact(grace.toSeconds());
        List<IdOfTotal> rows = jdbc.query("SELECT c.id, COUNT(*) OVER () AS total" + UNLEASED
                + " AND COALESCE(l.expires_at, r.updated_at) < " + SECONDS_AGO
                + " AND r.updated_at < " + SECONDS_AGO + " AND c.updated_at < " + SECONDS_AGO
                + " ORDER BY c.id LIMIT " + limit,
                rs -> new IdOfTotal(rs.getString(1), rs.getInt(2)), seconds, seconds, seconds);
        if (rows.isEmpty()) {
            return UnassignedCameras.NONE;
        }
        return new UnassignedCameras(rows.get(0).total(), rows.stream().map(IdOfTotal::id).toList());
    }

    /** A camera leased by a node, as listed by {@code GET /api/nodes/{id}/cameras}. */
    public record NodeCamera(String cameraId, String name, String district, long epoch, Instant acquiredAt,
                             Instant expiresAt) {
    }

    /** One page of {@link #cameras}; {@code nextAfter} is the id to continue after, null on the last page. */
    public record NodeCameraPage(String nodeId, List<NodeCamera> items, String nextAfter) {
    }

    /**
     * The cameras a node holds a live lease on, by id, after {@code afterId} (null: from the start), only those
     * of {@code scope}'s districts.
     *
     * @throws VmsException NOT_FOUND when there is no such node
     */
    public NodeCameraPage cameras(String nodeId, String afterId, int limit, DistrictScope scope) {
        return jdbc.withConnection(c -> {
            if (Jdbc.query(c, "SELECT 1 FROM recorder_nodes WHERE node_id = ?", rs -> 1, nodeId).isEmpty()) {
                throw VmsException.notFound("no recorder node " + nodeId);
            }
            StringBuilder sql = new StringBuilder("SELECT c.id, c.name, c.district, l.epoch, l.acquired_at,"
                    + " l.expires_at FROM camera_leases l JOIN cameras c ON c.id = l.camera_id"
                    + " WHERE l.node_id = ? AND l.expires_at > CURRENT_TIMESTAMP");
            List<Object> params = new ArrayList<>(List.of(nodeId));
            if (afterId != null) {
                sql.append(" AND c.id > ?");
                params.add(afterId);
            }
            scope.appendDistrictIn(sql, "c.district", params);
            sql.append(" ORDER BY c.id LIMIT ").append(limit + 1);
            List<NodeCamera> items = Jdbc.query(c, sql.toString(), rs -> new NodeCamera(rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getLong(4), Jdbc.instant(rs, "acquired_at"),
                    Jdbc.instant(rs, "expires_at")), params.toArray());
            if (items.size() <= limit) {
                return new NodeCameraPage(nodeId, items, null);
            }
            List<NodeCamera> page = items.subList(0, limit);
            return new NodeCameraPage(nodeId, page, page.get(limit - 1).cameraId());
        });
    }

    private record Counts(Instant at, int recorded, int unleased) {
    }

    private record IdOfTotal(String id, int total) {
    }

    private static RecorderNode node(ResultSet rs, Instant now, Duration ttl) throws SQLException {
        Instant heartbeat = Jdbc.instant(rs, "heartbeat_at");
        // now was read by an earlier statement: a heartbeat written since is 0 s old, not negative
        long age = Math.max(0, Duration.between(heartbeat, now).toMillis());
        return new RecorderNode(rs.getString("node_id"), rs.getString("url"),
                NodeState.of(rs.getString("state"), age > ttl.toMillis()), rs.getString("state"),
                rs.getInt("capacity"), rs.getInt("cameras"), rs.getInt("leases"), rs.getLong("ingest_bps"),
                rs.getObject("cpu_percent", Double.class), rs.getObject("disk_used_bytes", Long.class),
                rs.getObject("disk_free_bytes", Long.class), rs.getObject("free_days", Double.class),
                Jdbc.instant(rs, "started_at"), heartbeat, age);
    }
}
