package org.skynet.vms.core.monitor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.skynet.vms.core.db.Jdbc;

/**
 * The tables {@code camera_health} (current state per camera) and {@code health_transitions}
 * (history): the batch sink of the monitor's {@link WriteBehind}, the start-up restore, and the
 * history reads of uptime. Same SQL on PostgreSQL and H2.
 */
public final class HealthStore {
    private static final int MAX_REASON = 1000;
    private final DataSource dataSource;

    public HealthStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes one batch: every transition, and the last current state of each camera in the batch
     * (delete + insert, which both databases do the same way).
     */
    public static void write(Connection c, List<HealthRecord> rows) throws SQLException {
        Map<String, CameraHealth> latest = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO health_transitions"
                + " (camera_id, from_state, to_state, reason, at, latency_ms) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (HealthRecord r : rows) {
                StateChange s = r.change();
                ps.setString(1, s.cameraId());
                ps.setString(2, s.from().name());
                ps.setString(3, s.to().name());
                ps.setString(4, clip(s.reason()));
                ps.setTimestamp(5, Timestamp.from(s.at()));
                ps.setLong(6, s.latencyMillis());
                ps.addBatch();
                latest.put(r.current().cameraId(), r.current());
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM camera_health WHERE camera_id = ?")) {
            for (String id : latest.keySet()) {
                ps.setString(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO camera_health"
                + " (camera_id, state, reason, since, latency_ms, maintenance_until) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (CameraHealth h : latest.values()) {
                ps.setString(1, h.cameraId());
                ps.setString(2, h.state().name());
                ps.setString(3, clip(h.reason()));
                ps.setTimestamp(4, Timestamp.from(h.since()));
                ps.setLong(5, h.lastLatencyMillis());
                ps.setTimestamp(6, h.maintenanceUntil() == null ? null : Timestamp.from(h.maintenanceUntil()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every stored current state, for the restore at start-up. */
    public List<CameraHealth> loadAll() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return Jdbc.query(c, "SELECT camera_id, state, reason, since, latency_ms, maintenance_until FROM camera_health",
                    rs -> new CameraHealth(rs.getString("camera_id"), HealthState.valueOf(rs.getString("state")),
                            rs.getString("reason"), Jdbc.instant(rs, "since"), rs.getLong("latency_ms"), 0, 0,
                            Jdbc.instant(rs, "maintenance_until")));
        }
    }

    /**
     * The history needed for uptime over [{@code from}, {@code to}): per camera, the last transition
     * before {@code from} (the state the period starts in) and every transition inside it, in time order.
     *
     * @param cameraId one camera, or null for all
     * @param district cameras of one registry district, or null for all
     * @return by camera id (sorted), the transitions in time order
     */
    public Map<String, List<StateChange>> history(String cameraId, String district, Instant from, Instant to)
            throws SQLException {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (cameraId != null) {
            where.append(" AND t.camera_id = ?");
            params.add(cameraId);
        }
        if (district != null) {
            where.append(" AND t.camera_id IN (SELECT id FROM cameras WHERE district = ?)");
            params.add(district);
        }
        String columns = "SELECT t.camera_id, t.from_state, t.to_state, t.reason, t.at, t.latency_ms FROM health_transitions t";
        String before = columns + " JOIN (SELECT camera_id, MAX(id) AS id FROM health_transitions WHERE at < ?"
                + " GROUP BY camera_id) last ON t.id = last.id WHERE 1 = 1" + where;
        String inside = columns + " WHERE t.at >= ? AND t.at < ?" + where + " ORDER BY t.camera_id, t.at, t.id";
        Map<String, List<StateChange>> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            for (StateChange s : Jdbc.query(c, before, HealthStore::change, prepend(params, from))) {
                out.computeIfAbsent(s.cameraId(), k -> new ArrayList<>()).add(s);
            }
            for (StateChange s : Jdbc.query(c, inside, HealthStore::change, prepend(params, from, to))) {
                out.computeIfAbsent(s.cameraId(), k -> new ArrayList<>()).add(s);
            }
        }
        return out;
    }

    private static Object[] prepend(List<Object> params, Object... first) {
        List<Object> all = new ArrayList<>(List.of(first));
        all.addAll(params);
        return all.toArray();
    }

    private static StateChange change(ResultSet rs) throws SQLException {
        return new StateChange(rs.getString("camera_id"), HealthState.valueOf(rs.getString("from_state")),
                HealthState.valueOf(rs.getString("to_state")), rs.getString("reason"), Jdbc.instant(rs, "at"),
                rs.getLong("latency_ms"));
    }

    private static String clip(String s) {
        return s.length() <= MAX_REASON ? s : s.substring(0, MAX_REASON - 1) + "…";
    }
}
