package org.skynet.vms.core.alarms;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.VmsException;

/**
 * The {@code alarms} table: the batch sink of the alarm writer (each alarm stored as its last snapshot),
 * the restore of active alarms at start-up, and the list and lookup of the API. Same SQL on both databases.
 */
public final class AlarmStore {
    private static final String COLUMNS = "id, kind, severity, camera_id, district, message, raised_at, cleared_at,"
            + " cleared_reason, acked_at, acked_by, ack_note, group_id";
    private final DataSource dataSource;

    public AlarmStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Writes one batch: the last snapshot of each alarm in it (delete + insert). */
    public static void write(Connection c, List<Alarm> rows) throws SQLException {
        Map<Long, Alarm> latest = new LinkedHashMap<>();
        rows.forEach(a -> latest.put(a.id(), a));
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alarms WHERE id = ?")) {
            for (Long id : latest.keySet()) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alarms (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Alarm a : latest.values()) {
                ps.setLong(1, a.id());
                ps.setString(2, a.kind().name());
                ps.setString(3, a.severity().name());
                ps.setString(4, a.cameraId());
                ps.setString(5, a.district());
                ps.setString(6, clip(a.message()));
                ps.setTimestamp(7, Timestamp.from(a.raisedAt()));
                ps.setTimestamp(8, ts(a.clearedAt()));
                ps.setString(9, a.clearedReason() == null ? null : clip(a.clearedReason()));
                ps.setTimestamp(10, ts(a.ackedAt()));
                ps.setString(11, a.ackedBy());
                ps.setString(12, a.ackNote());
                ps.setObject(13, a.groupId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Alarms not cleared yet, storms with their members, for the restore at start-up. */
    public List<Alarm> loadActive() {
        return select(" WHERE cleared_at IS NULL ORDER BY id", List.of());
    }

    public Optional<Alarm> find(long id) {
        List<Alarm> r = select(" WHERE id = ?", List.of(id));
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** The highest id stored, or 0. */
    public long maxId() {
        return withConnection(c -> Jdbc.query(c, "SELECT COALESCE(MAX(id), 0) FROM alarms", rs -> rs.getLong(1)).get(0));
    }

    /** One page of the list, newest first. */
    public AlarmPage page(AlarmQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.status() != null) {
            where.append(switch (q.status()) {
                case OPEN -> " AND cleared_at IS NULL AND acked_at IS NULL";
                case ACKNOWLEDGED -> " AND cleared_at IS NULL AND acked_at IS NOT NULL";
                case CLEARED -> " AND cleared_at IS NOT NULL";
            });
        }
        if (q.district() != null) {
            where.append(" AND district = ?");
            params.add(q.district());
        }
        q.scope().appendDistrictIn(where, "district", params);
        if (q.severity() != null) {
            where.append(" AND severity = ?");
            params.add(q.severity().name());
        }
        if (q.since() != null) {
            where.append(" AND raised_at >= ?");
            params.add(q.since());
        }
        if (q.afterId() != null) {
            where.append(" AND id < ?");
            params.add(q.afterId());
        }
        where.append(" ORDER BY id DESC LIMIT ").append(q.limit() + 1);
        List<Alarm> rows = select(where.toString(), params);
        String next = null;
        if (rows.size() > q.limit()) {
            rows = rows.subList(0, q.limit());
            next = cursor(rows.get(rows.size() - 1).id());
        }
        return new AlarmPage(rows, next);
    }

    static String cursor(long lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("a" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    /** The id a cursor continues after; INVALID_ARGUMENT on {@code cursor} when it is not ours. */
    public static long afterId(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith("a")) {
                return Long.parseLong(raw.substring(1));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw VmsException.invalid("cursor", "cursor is not one this server issued");
    }

    private List<Alarm> select(String tail, List<Object> params) {
        return withConnection(c -> {
            List<Alarm> rows = Jdbc.query(c, "SELECT " + COLUMNS + " FROM alarms" + tail, AlarmStore::map, params.toArray());
            List<Long> storms = rows.stream().filter(a -> a.kind() == AlarmKind.STORM).map(Alarm::id).toList();
            if (storms.isEmpty()) {
                return rows;
            }
            Map<Long, List<String>> members = new HashMap<>();
            String in = String.join(",", java.util.Collections.nCopies(storms.size(), "?"));
            Jdbc.query(c, "SELECT group_id, camera_id FROM alarms WHERE group_id IN (" + in + ") ORDER BY id", rs -> {
                members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                return null;
            }, storms.toArray());
            List<Alarm> out = new ArrayList<>(rows.size());
            for (Alarm a : rows) {
                out.add(a.kind() == AlarmKind.STORM ? a.withMembers(members.getOrDefault(a.id(), List.of())) : a);
            }
            return out;
        });
    }

    private static Alarm map(ResultSet rs) throws SQLException {
        Instant cleared = Jdbc.instant(rs, "cleared_at");
        Instant acked = Jdbc.instant(rs, "acked_at");
        AlarmStatus status = cleared != null ? AlarmStatus.CLEARED : acked != null ? AlarmStatus.ACKNOWLEDGED : AlarmStatus.OPEN;
        long groupValue = rs.getLong("group_id");
        Long group = rs.wasNull() ? null : groupValue;
        return new Alarm(rs.getLong("id"), AlarmKind.valueOf(rs.getString("kind")), AlarmSeverity.valueOf(rs.getString("severity")),
                status, rs.getString("camera_id"), rs.getString("district"), rs.getString("message"),
                Jdbc.instant(rs, "raised_at"), cleared, rs.getString("cleared_reason"), acked, rs.getString("acked_by"),
                rs.getString("ack_note"), group, List.of());
    }

    private <T> T withConnection(Jdbc.ConnectionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw Jdbc.translate(e);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String clip(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 999) + "…";
    }
}
