package org.skynet.vms.core.places;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.errors.VmsException;

/**
 * The {@code places} table. Imports are one transaction (insert or replace by id, keeping the creation
 * time); lists are keyset pages in id order with an opaque cursor (base64url of the last id). Thread-safe.
 */
public final class PlaceStore {
    private static final String COLUMNS =
            "id, name, category, district, required_coverage, geometry, created_at, updated_at";

    private final Jdbc jdbc;
    private final Clock clock;

    public PlaceStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Inserts new places and replaces existing ones with the same id, all or nothing. */
    public int importAll(List<StoredPlace> places) {
        Instant now = clock.instant();
        return jdbc.inTransaction(c -> {
            for (StoredPlace p : places) {
                int updated = Jdbc.update(c, "UPDATE places SET name = ?, category = ?, district = ?,"
                        + " required_coverage = ?, geometry = ?, updated_at = ? WHERE id = ?",
                        p.name(), p.category(), p.district(), p.requiredCoverage(), p.geometryJson(), now, p.id());
                if (updated == 0) {
                    Jdbc.update(c, "INSERT INTO places (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            p.id(), p.name(), p.category(), p.district(), p.requiredCoverage(), p.geometryJson(),
                            now, now);
                }
            }
            return places.size();
        });
    }

    public Optional<StoredPlace> find(String id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM places WHERE id = ?", PlaceStore::row, id);
    }

    /** The place, or NOT_FOUND. */
    public StoredPlace get(String id) {
        return find(id).orElseThrow(() -> VmsException.notFound("no place " + id));
    }

    /** The place, or the same NOT_FOUND as for an unknown id when it is outside {@code scope}. */
    public StoredPlace get(String id, DistrictScope scope) {
        StoredPlace p = get(id);
        return scope.require(p, p.district(), "no place " + id);
    }

    /** Applies a change; NOT_FOUND if there is no such place. */
    public StoredPlace update(String id, PlaceChange change) {
        return jdbc.inTransaction(c -> {
            StoredPlace old = one(c, id).orElseThrow(() -> VmsException.notFound("no place " + id));
            StoredPlace p = new StoredPlace(id, or(change.name(), old.name()), or(change.category(), old.category()),
                    or(change.district(), old.district()),
                    change.requiredCoverage() == null ? old.requiredCoverage() : change.requiredCoverage(),
                    old.geometryJson(), old.createdAt(), clock.instant());
            Jdbc.update(c, "UPDATE places SET name = ?, category = ?, district = ?, required_coverage = ?,"
                    + " updated_at = ? WHERE id = ?", p.name(), p.category(), p.district(), p.requiredCoverage(),
                    p.updatedAt(), id);
            return p;
        });
    }

    /** Deletes a place; NOT_FOUND if there is none. */
    public void delete(String id) {
        if (jdbc.update("DELETE FROM places WHERE id = ?", id) == 0) {
            throw VmsException.notFound("no place " + id);
        }
    }

    /** Every place in id order. */
    public List<StoredPlace> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM places ORDER BY id", PlaceStore::row);
    }

    /**
     * One page of places in id order, optionally of one district and/or category.
     *
     * @param cursor null for the first page, else the {@code nextCursor} of the previous page
     */
    public PlacePage list(String district, String category, int limit, String cursor) {
        return list(district, category, DistrictScope.ALL, limit, cursor);
    }

    /** Like {@link #list(String, String, int, String)}, only places of {@code scope}'s districts. */
    public PlacePage list(String district, String category, DistrictScope scope, int limit, String cursor) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM places WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        scope.appendDistrictIn(sql, "district", params);
        if (district != null) {
            sql.append(" AND district = ?");
            params.add(district);
        }
        if (category != null) {
            sql.append(" AND category = ?");
            params.add(category);
        }
        if (cursor != null) {
            sql.append(" AND id > ?");
            params.add(decode(cursor));
        }
        sql.append(" ORDER BY id LIMIT ?");
        params.add(limit + 1);
        List<StoredPlace> rows = jdbc.query(sql.toString(), PlaceStore::row, params.toArray());
        if (rows.size() <= limit) {
            return new PlacePage(rows, null);
        }
        List<StoredPlace> page = rows.subList(0, limit);
        return new PlacePage(page, encode(page.get(limit - 1).id()));
    }

    private static Optional<StoredPlace> one(Connection c, String id) throws SQLException {
        List<StoredPlace> rows = Jdbc.query(c, "SELECT " + COLUMNS + " FROM places WHERE id = ?", PlaceStore::row, id);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static StoredPlace row(ResultSet rs) throws SQLException {
        return new StoredPlace(rs.getString("id"), rs.getString("name"), rs.getString("category"),
                rs.getString("district"), rs.getDouble("required_coverage"), rs.getString("geometry"),
                Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    private static String or(String value, String old) {
        return value == null ? old : value;
    }

    private static String encode(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            String id = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (id.isEmpty() || id.length() > PlaceGeoJson.MAX_ID_LENGTH) {
                throw VmsException.invalid("cursor", "cursor is not one this server issued");
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw VmsException.invalid("cursor", "cursor is not one this server issued");
        }
    }
}
