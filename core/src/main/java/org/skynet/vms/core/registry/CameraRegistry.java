package org.skynet.vms.core.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.secrets.SecretBox;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.VmsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registered cameras: create, read, update, delete, list and bulk import, on PostgreSQL or H2.
 * Invalid input is an INVALID_ARGUMENT naming the first bad field, a duplicate id a CONFLICT, an unknown
 * id NOT_FOUND. Blocking (JDBC): call from worker threads. Thread-safe. Auditing is the caller's job:
 * this class knows no users.
 *
 * <p>Every committed create, update, delete and import is told to the {@link #onChange} listeners (the
 * monitor, coverage) right after the commit, so they need not poll. Changes made by another process on the
 * same database are not seen here; listeners that care re-read the registry now and then.
 */
public final class CameraRegistry {
    private static final Logger log = LoggerFactory.getLogger(CameraRegistry.class);
    /** Most ids read by one query of {@link #credentials(Collection)}; larger inputs take one query per chunk. */
    public static final int CREDENTIALS_CHUNK = 1000;

    private final Jdbc jdbc;
    private final SecretBox secrets;
    private final Clock clock;
    private final CameraSearch search;
    private final List<Consumer<CameraChange>> listeners = new CopyOnWriteArrayList<>();

    public CameraRegistry(Jdbc jdbc, SecretBox secrets, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.search = new CameraSearch(jdbc);
    }

    /** Registers a new camera. */
    public Camera create(CameraDraft draft) {
        requireValid(draft);
        Instant now = now();
        Camera cam = draft.toCamera(now, now);
        jdbc.inTransaction(c -> {
            if (exists(c, cam.id())) {
                throw VmsException.conflict("camera " + cam.id() + " already exists");
            }
            CameraRows.insertAll(c, List.of(cam), Collections.singletonList(draft.credentials()), secrets);
            return null;
        });
        changed(CameraChange.written(List.of(cam)));
        return cam;
    }

    /**
     * Registers a listener of committed changes. It is called on the thread that made the change, after the
     * commit, in the order of the changes made by that thread; it must not block (hand work to a thread of
     * its own). A listener that throws is logged and does not undo the change.
     */
    public void onChange(Consumer<CameraChange> listener) {
        listeners.add(listener);
    }

    public Optional<Camera> find(String id) {
        return jdbc.queryOne("SELECT " + CameraRows.COLUMNS + " FROM cameras c WHERE c.id = ?", CameraRows::map, id);
    }

    /** The camera, or NOT_FOUND. */
    public Camera get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The camera if it exists and {@code scope} allows its district; otherwise the same NOT_FOUND as for an
     * id that does not exist. The one lookup for every API that acts on a camera for a signed-in user.
     */
    public Camera get(String id, DistrictScope scope) {
        Camera c = get(id);
        return scope.require(c, c.district(), notFound(id).getMessage());
    }

    /**
     * True when {@code scope} may see data of camera {@code id} (recordings, clips, exports): always for
     * {@link DistrictScope#ALL}, removed cameras included; otherwise when it exists in one of the scope's districts.
     */
    public boolean visible(String id, DistrictScope scope) {
        return scope.isAll() || find(id).map(c -> scope.allows(c.district())).orElse(false);
    }

    /** Every district with its number of cameras, by name, limited to {@code scope}. */
    public List<DistrictCount> districts(DistrictScope scope) {
        return districts().stream().filter(d -> scope.allows(d.district())).toList();
    }

    /**
     * Changes a camera: {@code change} edits a draft of the current state (credentials included) and the
     * result is validated and stored in one transaction. The id cannot change.
     */
    public Camera update(String id, Consumer<CameraDraft> change) {
        Camera updated = jdbc.inTransaction(c -> {
            List<Camera> rows = Jdbc.query(c, "SELECT " + CameraRows.COLUMNS + " FROM cameras c WHERE c.id = ? FOR UPDATE",
                    CameraRows::map, id);
            if (rows.isEmpty()) {
                throw notFound(id);
            }
            Camera current = rows.get(0);
            CameraDraft draft = CameraDraft.of(current, credentials(c, id).orElse(null));
            change.accept(draft);
            if (!id.equals(draft.id())) {
                throw VmsException.invalid("id", "the id of a camera cannot be changed");
            }
            requireValid(draft);
            Camera next = draft.toCamera(current.createdAt(), now());
            write(c, next, draft.credentials());
            return next;
        });
        changed(CameraChange.written(List.of(updated)));
        return updated;
    }

    /** Removes a camera and its tags, or NOT_FOUND. */
    public void delete(String id) {
        if (jdbc.update("DELETE FROM cameras WHERE id = ?", id) == 0) {
            throw notFound(id);
        }
        changed(CameraChange.deleted(id));
    }

    /** The stored login of a camera, decrypted, or empty when it has none (or does not exist). */
    public Optional<Credentials> credentials(String id) {
        return jdbc.withConnection(c -> credentials(c, id));
    }

    /**
     * The stored logins of many cameras, decrypted, by camera id: one query per {@link #CREDENTIALS_CHUNK}
     * distinct ids. Cameras without credentials and unknown ids are left out.
     */
    public Map<String, Credentials> credentials(Collection<String> ids) {
        List<String> all = new ArrayList<>(new LinkedHashSet<>(ids));
        if (all.isEmpty()) {
            return new HashMap<>();
        }
        return jdbc.withConnection(c -> {
            Map<String, Credentials> out = new HashMap<>();
            for (int from = 0; from < all.size(); from += CREDENTIALS_CHUNK) {
                out.putAll(credentials(c, all.subList(from, Math.min(all.size(), from + CREDENTIALS_CHUNK))));
            }
            return out;
        });
    }

    /** One page of cameras matching {@code filter}, in id order; {@code limit} in [1, 500]. */
    public CameraPage list(CameraFilter filter, int limit, String cursor) {
        return search.page(filter, limit, cursor);
    }

    /** Every district with its number of cameras, by name. */
    public List<DistrictCount> districts() {
        return jdbc.query("SELECT district, COUNT(*) AS n FROM cameras GROUP BY district ORDER BY district",
                rs -> new DistrictCount(rs.getString("district"), rs.getLong("n")));
    }

    public long count() {
        return jdbc.queryOne("SELECT COUNT(*) FROM cameras", rs -> rs.getLong(1)).orElse(0L);
    }

    /** Calls {@code sink} for every camera matching {@code filter}, in id order, reading in chunks (no long-lived cursor). */
    public void forEach(CameraFilter filter, Consumer<Camera> sink) {
        search.forEach(filter, sink);
    }

    /**
     * Imports cameras all-or-nothing: every row is validated, ids must be new and unique in the file, and
     * only if nothing is wrong are all rows inserted in one transaction.
     *
     * @return the number of cameras imported
     * @throws ImportRejected listing every problem (including those of {@code batch} from parsing)
     */
    public int importAll(ImportBatch batch) {
        List<Camera> imported = new CameraImport(secrets).run(jdbc, batch, now());
        changed(CameraChange.written(imported));
        return imported.size();
    }

    private void changed(CameraChange change) {
        for (Consumer<CameraChange> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                log.warn("registry change listener failed ({} written, {} deleted): {}", change.written().size(),
                        change.deleted().size(), e.toString());
            }
        }
    }

    private void write(Connection c, Camera cam, Credentials cred) throws SQLException {
        Placement p = cam.placement();
        String sealed = cred == null || cred.password().isEmpty() ? null : secrets.seal(cred.password(), cam.id());
        try (PreparedStatement ps = c.prepareStatement("UPDATE cameras SET name = ?, district = ?, search_text = ?,"
                + " lat = ?, lon = ?, bearing = ?, fov = ?, range_m = ?, rtsp_url = ?, onvif_url = ?, username = ?,"
                + " password_enc = ?, tags = ?, enabled = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, cam.name());
            ps.setString(2, cam.district());
            ps.setString(3, CameraRows.searchText(cam));
            ps.setDouble(4, p.lat());
            ps.setDouble(5, p.lon());
            ps.setDouble(6, p.bearingDegrees());
            ps.setDouble(7, p.fovDegrees());
            ps.setDouble(8, p.rangeMeters());
            ps.setString(9, cam.rtspUrl());
            ps.setString(10, cam.onvifUrl());
            ps.setString(11, cred == null ? null : cred.username());
            ps.setString(12, sealed);
            ps.setString(13, String.join(";", cam.tags()));
            ps.setBoolean(14, cam.enabled());
            ps.setTimestamp(15, Timestamp.from(cam.updatedAt()));
            ps.setString(16, cam.id());
            ps.executeUpdate();
        }
        Jdbc.update(c, "DELETE FROM camera_tags WHERE camera_id = ?", cam.id());
        try (PreparedStatement ps = c.prepareStatement(CameraRows.INSERT_TAG)) {
            for (String tag : cam.tags()) {
                ps.setString(1, tag);
                ps.setString(2, cam.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private Optional<Credentials> credentials(Connection c, String id) throws SQLException {
        return Optional.ofNullable(credentials(c, List.of(id)).get(id));
    }

    /** One query for at most {@link #CREDENTIALS_CHUNK} ids; the single place that opens sealed passwords. */
    private Map<String, Credentials> credentials(Connection c, List<String> ids) throws SQLException {
        String sql = "SELECT id, username, password_enc FROM cameras WHERE username IS NOT NULL AND id IN ("
                + "?,".repeat(ids.size() - 1) + "?)";
        Map<String, Credentials> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Jdbc.bind(ps, ids.toArray());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String sealed = rs.getString(3);
                    out.put(id, new Credentials(rs.getString(2), sealed == null ? "" : secrets.open(sealed, id)));
                }
            }
        }
        return out;
    }

    private static boolean exists(Connection c, String id) throws SQLException {
        return !Jdbc.query(c, "SELECT 1 FROM cameras WHERE id = ?", rs -> 1, id).isEmpty();
    }

    private static void requireValid(CameraDraft draft) {
        List<FieldProblem> problems = draft.problems();
        if (!problems.isEmpty()) {
            FieldProblem first = problems.get(0);
            throw VmsException.invalid(first.field().jsonName(), first.message());
        }
    }

    private Instant now() {
        // Both databases keep at least milliseconds: what we return equals what is read back later.
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static VmsException notFound(String id) {
        return VmsException.notFound("no camera with id " + (CameraDraft.ID.matcher(id).matches() ? id : "(invalid id)"));
    }
}
