package org.skynet.vms.core.audit;

import java.util.ArrayList;
import java.util.List;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.errors.VmsException;

/**
 * Reads the audit log with {@link AuditQuery} filters, newest first, in pages. Paging is by id (keyset),
 * so a page is stable while new entries arrive, and deep pages cost no more than the first. The cursor
 * is the decimal id of the last entry returned, opaque to clients. Blocking: worker threads. Thread-safe.
 */
public final class AuditSearch {
    private final Jdbc jdbc;

    public AuditSearch(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public AuditPage find(AuditQuery q) {
        StringBuilder sql = new StringBuilder(
                "SELECT id, at, actor, action, target, detail, remote_address FROM audit_log WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        condition(sql, params, "at >= ?", q.from());
        condition(sql, params, "at < ?", q.to());
        condition(sql, params, "actor = ?", q.actor());
        condition(sql, params, "target = ?", q.target());
        condition(sql, params, "id < ?", q.beforeId());
        if (q.action() != null && q.action().endsWith("*")) {
            condition(sql, params, "action LIKE ? ESCAPE '\\'", likePrefix(q.action()));
        } else {
            condition(sql, params, "action = ?", q.action());
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(q.limit() + 1);
        List<AuditEntry> rows = jdbc.query(sql.toString(), rs -> new AuditEntry(rs.getLong("id"), Jdbc.instant(rs, "at"),
                rs.getString("actor"), rs.getString("action"), rs.getString("target"), rs.getString("detail"),
                rs.getString("remote_address")), params.toArray());
        if (rows.size() <= q.limit()) {
            return new AuditPage(rows, null);
        }
        List<AuditEntry> page = rows.subList(0, q.limit());
        return new AuditPage(page, Long.toString(page.get(page.size() - 1).id()));
    }

    /** The id a cursor stands for. @throws VmsException INVALID_ARGUMENT on a cursor we did not hand out */
    public static long parseCursor(String cursor) {
        try {
            long id = Long.parseLong(cursor.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below: a cursor is only ever a positive id
        }
        throw VmsException.invalid("cursor", "cursor '" + cursor + "' is not one returned as nextCursor");
    }

    private static void condition(StringBuilder sql, List<Object> params, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            params.add(value);
        }
    }

    private static String likePrefix(String pattern) {
        String prefix = pattern.substring(0, pattern.length() - 1);
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
