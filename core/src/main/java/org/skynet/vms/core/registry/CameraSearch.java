package org.skynet.vms.core.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.VmsException;

/**
 * Keyset-paged camera lists. A page is one query: {@code WHERE <filters> AND id > :last ORDER BY id
 * LIMIT n+1}. With a district it orders by {@code (district, id)}, the leading columns of the index
 * {@code cameras_district_search (district, id, search_text)}, so both databases walk that index in
 * order and stop after n+1 matches; {@code q} is a LIKE on the lower-cased {@code search_text} checked on
 * the index entries, the tag an EXISTS on the primary key of {@code camera_tags}, the caller's district
 * scope a {@code district IN (...)} in the same WHERE, so scoped pages never come up short.
 */
final class CameraSearch {
    /** Largest page. */
    static final int MAX_LIMIT = 500;
    private static final int EXPORT_CHUNK = 2000;

    private final Jdbc jdbc;

    CameraSearch(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    CameraPage page(CameraFilter filter, int limit, String cursor) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw VmsException.invalid("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (filter.q() != null && filter.q().length() > CameraFilter.MAX_QUERY) {
            throw VmsException.invalid("q", "q must be at most " + CameraFilter.MAX_QUERY + " characters");
        }
        String after = cursor == null || cursor.isBlank() ? null : CameraCursor.decode(cursor, filter);
        List<Camera> rows = select(filter, after, limit + 1);
        if (rows.size() <= limit) {
            return new CameraPage(rows, null);
        }
        List<Camera> items = rows.subList(0, limit);
        return new CameraPage(items, CameraCursor.encode(items.get(limit - 1).id(), filter));
    }

    void forEach(CameraFilter filter, Consumer<Camera> sink) {
        String after = null;
        while (true) {
            List<Camera> rows = select(filter, after, EXPORT_CHUNK);
            rows.forEach(sink);
            if (rows.size() < EXPORT_CHUNK) {
                return;
            }
            after = rows.get(rows.size() - 1).id();
        }
    }

    /**
     * The inner query finds the page's ids from index entries only; the outer one reads just those rows.
     * Written as one statement so that both databases plan it in one round trip.
     */
    private List<Camera> select(CameraFilter f, String afterId, int limit) {
        StringBuilder ids = new StringBuilder("SELECT s.id FROM cameras s WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.district() != null) {
            ids.append(" AND s.district = ?");
            params.add(f.district());
        }
        f.scope().appendDistrictIn(ids, "s.district", params);
        if (f.enabled() != null) {
            ids.append(" AND s.enabled = ?");
            params.add(f.enabled());
        }
        if (f.q() != null) {
            ids.append(" AND s.search_text LIKE ? ESCAPE '\\'");
            params.add("%" + escapeLike(f.q()) + "%");
        }
        if (f.tag() != null) {
            ids.append(" AND EXISTS (SELECT 1 FROM camera_tags t WHERE t.tag = ? AND t.camera_id = s.id)");
            params.add(f.tag());
        }
        if (afterId != null) {
            ids.append(" AND s.id > ?");
            params.add(afterId);
        }
        ids.append(f.district() != null ? " ORDER BY s.district, s.id" : " ORDER BY s.id").append(" LIMIT ?");
        params.add(limit);
        String sql = "SELECT " + CameraRows.COLUMNS + " FROM cameras c JOIN (" + ids + ") p ON p.id = c.id ORDER BY c.id";
        return jdbc.query(sql, CameraRows::map, params.toArray());
    }

    static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
