package org.skynet.vms.core.exports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.users.DistrictScope;

/** Table {@code exports} (migration V9), the same SQL on PostgreSQL and H2. Thread-safe; blocking. */
public final class ExportStore {
    /** Longest error text stored. */
    static final int MAX_ERROR_CHARS = 1000;
    private static final String COLUMNS = "id, camera_id, range_from, range_to, requested_by, requested_at, state, "
            + "finished_at, error, manifest_sha256";

    private final Jdbc jdbc;

    public ExportStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new pending export. */
    public void insert(ExportRecord r) {
        jdbc.update("INSERT INTO exports (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", r.id(), r.cameraId(),
                r.from(), r.to(), r.requestedBy(), r.requestedAt(), r.state(), r.finishedAt(), r.error(),
                r.manifestSha256());
    }

    /** Marks a pending export done. */
    public void done(String id, String manifestSha256, Instant at) {
        jdbc.update("UPDATE exports SET state = 'done', finished_at = ?, manifest_sha256 = ? WHERE id = ? "
                + "AND state = 'pending'", at, manifestSha256, id);
    }

    /** Marks a pending export failed with {@code error} (cut to {@value #MAX_ERROR_CHARS} characters). */
    public void failed(String id, String error, Instant at) {
        String e = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        jdbc.update("UPDATE exports SET state = 'failed', finished_at = ?, error = ? WHERE id = ? AND state = 'pending'",
                at, e, id);
    }

    /** Marks every pending export failed (at start-up: a restart cut them off); how many. */
    public int failAllPending(String error, Instant at) {
        return jdbc.update("UPDATE exports SET state = 'failed', finished_at = ?, error = ? WHERE state = 'pending'",
                at, error);
    }

    public Optional<ExportRecord> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM exports WHERE id = ?", ExportStore::row, id);
    }

    /** The newest exports first, at most {@code limit}. */
    public List<ExportRecord> newest(int limit) {
        return newest(limit, DistrictScope.ALL);
    }

    /** The newest exports of cameras in {@code scope} first, at most {@code limit}. */
    public List<ExportRecord> newest(int limit, DistrictScope scope) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM exports WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        scope.appendCameraIn(sql, "camera_id", params);
        sql.append(" ORDER BY requested_at DESC, id LIMIT ?");
        params.add(limit);
        return jdbc.query(sql.toString(), ExportStore::row, params.toArray());
    }

    private static ExportRecord row(ResultSet rs) throws SQLException {
        return new ExportRecord(rs.getString("id"), rs.getString("camera_id"), Jdbc.instant(rs, "range_from"),
                Jdbc.instant(rs, "range_to"), rs.getString("requested_by"), Jdbc.instant(rs, "requested_at"),
                rs.getString("state"), Jdbc.instant(rs, "finished_at"), rs.getString("error"),
                rs.getString("manifest_sha256"));
    }
}
