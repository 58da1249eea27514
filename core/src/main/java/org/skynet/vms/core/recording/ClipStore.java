package org.skynet.vms.core.recording;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.VmsException;
import org.skynet.vms.recorder.catalogue.SegmentRow;
import org.skynet.vms.recorder.clips.ClipFile;

/**
 * The clip catalogue, table {@code clips} (migration V8), on PostgreSQL and H2 with the same SQL.
 * Evidence lock: {@link #deleteUnlocked} deletes a row only if it is not locked, in one statement, so a
 * lock taken at any moment before wins over retention. Thread-safe.
 */
public final class ClipStore {
    private static final String COLUMNS = "id, camera_id, trigger_type, trigger_detail, triggered_at, start_wall, "
            + "end_wall, storage_root, path, size_bytes, frames, sha256, state, locked, locked_by, locked_at, lock_reason";

    /** What to list. {@code cameraId}, {@code triggerType} and {@code locked} are optional filters. */
    public record Query(String cameraId, Instant from, Instant to, String triggerType, Boolean locked, int limit,
            DistrictScope scope) {
        public Query {
            scope = scope == null ? DistrictScope.ALL : scope;
        }

        /** A query over every district. */
        public Query(String cameraId, Instant from, Instant to, String triggerType, Boolean locked, int limit) {
            this(cameraId, from, to, triggerType, locked, limit, DistrictScope.ALL);
        }
    }

    private final Jdbc jdbc;

    public ClipStore(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a clip file (new: a row; known by root and path: its size, end and state). */
    public void upsert(Path storageRoot, ClipFile clip) {
        SegmentRow f = SegmentRow.of(storageRoot, clip.file());
        String state = f.state().name();
        jdbc.inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE clips SET end_wall = ?, size_bytes = ?, frames = ?, sha256 = ?, state = ? "
                    + "WHERE storage_root = ? AND path = ?", f.endWall(), f.sizeBytes(), f.frames(), f.sha256(), state,
                    f.storageRoot(), f.path()) == 0) {
                Jdbc.update(c, "INSERT INTO clips (camera_id, trigger_type, trigger_detail, triggered_at, start_wall, "
                        + "end_wall, storage_root, path, size_bytes, frames, sha256, state) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", f.cameraId(), clip.trigger().type(),
                        clip.trigger().detail(), clip.trigger().at(), f.startWall(), f.endWall(), f.storageRoot(),
                        f.path(), f.sizeBytes(), f.frames(), f.sha256(), state);
            }
            return null;
        });
    }

    /** One clip. */
    public Optional<ClipRow> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM clips WHERE id = ?", ClipStore::row, id);
    }

    /** Clips overlapping {@code [from, to)}, newest first, at most {@code limit}. */
    public List<ClipRow> list(Query q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM clips WHERE start_wall < ? AND end_wall >= ?");
        List<Object> params = new ArrayList<>(List.of(q.to(), q.from()));
        if (q.cameraId() != null) {
            sql.append(" AND camera_id = ?");
            params.add(q.cameraId());
        }
        if (q.triggerType() != null) {
            sql.append(" AND trigger_type = ?");
            params.add(q.triggerType());
        }
        if (q.locked() != null) {
            sql.append(" AND locked = ?");
            params.add(q.locked());
        }
        q.scope().appendCameraIn(sql, "camera_id", params);
        sql.append(" ORDER BY start_wall DESC, id DESC LIMIT ?");
        params.add(q.limit());
        return jdbc.query(sql.toString(), ClipStore::row, params.toArray());
    }

    /**
     * Puts a clip under evidence lock.
     *
     * @throws VmsException NOT_FOUND for an unknown id, CONFLICT when already locked
     */
    public ClipRow lock(long id, String by, String reason, Instant at) {
        if (jdbc.update("UPDATE clips SET locked = TRUE, locked_by = ?, locked_at = ?, lock_reason = ? "
                + "WHERE id = ? AND locked = FALSE", by, at, reason, id) == 0) {
            ClipRow r = require(id);
            throw VmsException.conflict("clip " + id + " is already locked by " + r.lockedBy() + " since "
                    + r.lockedAt() + ": " + r.lockReason());
        }
        return require(id);
    }

    /**
     * Lifts a clip's evidence lock.
     *
     * @throws VmsException NOT_FOUND for an unknown id, CONFLICT when not locked
     */
    public ClipRow unlock(long id) {
        if (jdbc.update("UPDATE clips SET locked = FALSE, locked_by = NULL, locked_at = NULL, lock_reason = NULL "
                + "WHERE id = ? AND locked = TRUE", id) == 0) {
            require(id);
            throw VmsException.conflict("clip " + id + " is not locked");
        }
        return require(id);
    }

    /** Clips under {@code storageRoot} still open (after a crash, at start), oldest first. */
    public List<ClipRow> openClips(Path storageRoot) {
        return jdbc.query("SELECT " + COLUMNS + " FROM clips WHERE state = 'OPEN' AND storage_root = ? "
                + "ORDER BY start_wall, id", ClipStore::row, SegmentRow.normalize(storageRoot).toString());
    }

    /** Deletes a clip's row whatever its lock (its file is unusable or gone); whether it existed. */
    public boolean deleteLost(long id) {
        return jdbc.update("DELETE FROM clips WHERE id = ?", id) == 1;
    }

    /** Cameras that have unlocked closed clips (retention candidates). */
    public List<String> camerasWithUnlockedClips() {
        return jdbc.query("SELECT DISTINCT camera_id FROM clips WHERE locked = FALSE AND state = 'CLOSED' "
                + "ORDER BY camera_id", rs -> rs.getString(1));
    }

    /** Unlocked closed clips of a camera that ended before {@code cutoff}, oldest first, at most {@code limit}. */
    public List<ClipRow> unlockedEndedBefore(String cameraId, Instant cutoff, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM clips WHERE camera_id = ? AND locked = FALSE "
                + "AND state = 'CLOSED' AND end_wall < ? ORDER BY end_wall, id LIMIT ?", ClipStore::row,
                cameraId, cutoff, limit);
    }

    /** Deletes the row unless it is locked (checked in the same statement); whether it was deleted. */
    public boolean deleteUnlocked(long id) {
        return jdbc.update("DELETE FROM clips WHERE id = ? AND locked = FALSE", id) == 1;
    }

    private ClipRow require(long id) {
        return find(id).orElseThrow(() -> VmsException.notFound("no clip with id " + id));
    }

    private static ClipRow row(ResultSet rs) throws SQLException {
        return new ClipRow(rs.getLong("id"), rs.getString("camera_id"), rs.getString("trigger_type"),
                rs.getString("trigger_detail"), Jdbc.instant(rs, "triggered_at"), Jdbc.instant(rs, "start_wall"),
                Jdbc.instant(rs, "end_wall"), rs.getLong("size_bytes"), rs.getLong("frames"), rs.getString("sha256"),
                rs.getString("state").toLowerCase(Locale.ROOT), rs.getBoolean("locked"),
                rs.getString("locked_by"), Jdbc.instant(rs, "locked_at"), rs.getString("lock_reason"),
                Path.of(rs.getString("storage_root")).resolve(rs.getString("path")));
    }
}
