package org.skynet.vms.core.recording;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.recorder.catalogue.SegmentCatalogue;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.catalogue.SegmentState;
import org.skynet.vms.recorder.retention.RetentionCatalogue;

/**
 * The segment catalogue in table {@code recording_segments} (migration V5), on PostgreSQL and H2 with
 * the same SQL. Upserts are an UPDATE batch followed by an INSERT batch for the rows that were new, in
 * one transaction (portable; one recorder writes a given storage root). Also answers the retention
 * queries (closed rows only, oldest first; index {@code recording_segments_root_start} of V9). Rows written here
 * have no node and no lease epoch (the single-process server); a recorder node writes through
 * {@link org.skynet.vms.core.cluster.FencedSegmentCatalogue}, which uses {@link #write} in its own transaction.
 * Thread-safe.
 */
public final class JdbcSegmentCatalogue implements SegmentCatalogue, RetentionCatalogue {
    /**
     * The longest span a segment row may cover for time-range queries: a range query looks back this
     * far from its start, so the {@code (camera_id, start_wall)} index bounds the scan. Files close at
     * the first keyframe after about a minute, far below this.
     */
    public static final Duration MAX_SEGMENT_SPAN = Duration.ofHours(6);

    private static final String COLUMNS = "storage_root, path, camera_id, start_wall, end_wall, media_duration_90k, "
            + "frames, size_bytes, sha256, state, close_reason";
    private static final String UPDATE = "UPDATE recording_segments SET camera_id = ?, start_wall = ?, end_wall = ?, "
            + "media_duration_90k = ?, frames = ?, size_bytes = ?, sha256 = ?, state = ?, close_reason = ?, node_id = ?, "
            + "lease_epoch = ? WHERE storage_root = ? AND path = ?";
    private static final String INSERT = "INSERT INTO recording_segments (" + COLUMNS
            + ", node_id, lease_epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Jdbc jdbc;

    public JdbcSegmentCatalogue(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void upsert(Collection<SegmentRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<SegmentRow> list = List.copyOf(rows);
        jdbc.inTransaction(c -> {
            write(c, list, null, Map.of());
            return null;
        });
    }

    /**
     * Inserts or replaces rows by {@code (storageRoot, path)} on the caller's connection, inside its transaction:
     * an UPDATE batch, then an INSERT batch for the rows that were new.
     *
     * @param nodeId the recorder node writing them, or {@code null} for the single-process server
     * @param epochs the lease epoch of each row's camera (a camera missing here gets {@code NULL})
     */
    public static void write(Connection c, List<SegmentRow> rows, String nodeId, Map<String, Long> epochs)
            throws SQLException {
        int[] updated = batch(c, UPDATE, rows, (ps, r) -> Jdbc.bind(ps, r.cameraId(), r.startWall(), r.endWall(),
                r.mediaDuration90k(), r.frames(), r.sizeBytes(), r.sha256(), r.state().name(), r.closeReason(), nodeId,
                epochs.get(r.cameraId()), r.storageRoot(), r.path()));
        List<SegmentRow> fresh = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (updated[i] == 0) {
                fresh.add(rows.get(i));
            }
        }
        if (!fresh.isEmpty()) {
            batch(c, INSERT, fresh, (ps, r) -> Jdbc.bind(ps, r.storageRoot(), r.path(), r.cameraId(), r.startWall(),
                    r.endWall(), r.mediaDuration90k(), r.frames(), r.sizeBytes(), r.sha256(), r.state().name(),
                    r.closeReason(), nodeId, epochs.get(r.cameraId())));
        }
    }

    @Override
    public void remove(String storageRoot, String path) {
        jdbc.update("DELETE FROM recording_segments WHERE storage_root = ? AND path = ?", storageRoot, path);
    }

    @Override
    public Optional<SegmentRow> find(String storageRoot, String path) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM recording_segments WHERE storage_root = ? AND path = ?",
                JdbcSegmentCatalogue::row, storageRoot, path);
    }

    @Override
    public List<SegmentRow> openSegments(String storageRoot) {
        return jdbc.query("SELECT " + COLUMNS + " FROM recording_segments WHERE state = 'OPEN' AND storage_root = ? "
                + "ORDER BY path", JdbcSegmentCatalogue::row, storageRoot);
    }

    @Override
    public List<SegmentRow> segments(String cameraId, Instant from, Instant to, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM recording_segments WHERE camera_id = ? AND start_wall >= ? "
                        + "AND start_wall < ? AND end_wall > ? ORDER BY start_wall, path LIMIT ?",
                JdbcSegmentCatalogue::row, cameraId, from.minus(MAX_SEGMENT_SPAN), to, from, limit);
    }

    @Override
    public List<String> cameras(String storageRoot) {
        return jdbc.query("SELECT DISTINCT camera_id FROM recording_segments WHERE storage_root = ? AND state = 'CLOSED' "
                + "ORDER BY camera_id", rs -> rs.getString(1), storageRoot);
    }

    @Override
    public List<SegmentRow> closedEndingBefore(String storageRoot, String cameraId, Instant before, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM recording_segments WHERE camera_id = ? AND start_wall < ? "
                        + "AND end_wall < ? AND storage_root = ? AND state = 'CLOSED' ORDER BY start_wall, path LIMIT ?",
                JdbcSegmentCatalogue::row, cameraId, before, before, storageRoot, limit);
    }

    @Override
    public List<SegmentRow> oldestClosed(String storageRoot, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM recording_segments WHERE storage_root = ? AND state = 'CLOSED' "
                + "ORDER BY start_wall, path LIMIT ?", JdbcSegmentCatalogue::row, storageRoot, limit);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps, SegmentRow r) throws SQLException;
    }

    private static int[] batch(Connection c, String sql, List<SegmentRow> rows, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (SegmentRow r : rows) {
                binder.bind(ps, r);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private static SegmentRow row(ResultSet rs) throws SQLException {
        return new SegmentRow(rs.getString("camera_id"), rs.getString("storage_root"), rs.getString("path"),
                Jdbc.instant(rs, "start_wall"), Jdbc.instant(rs, "end_wall"), rs.getLong("media_duration_90k"),
                rs.getLong("frames"), rs.getLong("size_bytes"), rs.getString("sha256"),
                SegmentState.valueOf(rs.getString("state")), rs.getString("close_reason"));
    }
}
