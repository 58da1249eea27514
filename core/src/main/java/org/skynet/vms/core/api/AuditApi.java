package org.skynet.vms.core.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.skynet.vms.core.audit.AuditQuery;
import org.skynet.vms.core.audit.AuditSearch;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.VmsException;

/**
 * {@code GET /api/audit}: the audit log for supervisors and admins, newest first, filtered by
 * {@code from}, {@code to} (ISO-8601 instants), {@code actor}, {@code action} (exact, or a prefix
 * ending in {@code *}), {@code target}, with {@code limit} (default 100, max 1000) and {@code cursor}
 * for the next page. See {@code docs/ref/api.md#audit}.
 */
public final class AuditApi {
    private final AuditSearch search;

    public AuditApi(AuditSearch search) {
        this.search = search;
    }

    public void register(ApiRouter router) {
        router.get("/api/audit", Access.roles(Role.SUPERVISOR, Role.ADMIN), req -> ApiResponse.ok(search.find(query(req))));
    }

    static AuditQuery query(ApiRequest req) {
        return new AuditQuery(instant(req, "from"), instant(req, "to"), req.queryParam("actor").orElse(null),
                req.queryParam("action").orElse(null), req.queryParam("target").orElse(null),
                req.intParam("limit", AuditQuery.DEFAULT_LIMIT, 1, AuditQuery.MAX_LIMIT),
                req.queryParam("cursor").map(AuditSearch::parseCursor).orElse(null));
    }

    private static Instant instant(ApiRequest req, String name) {
        return req.queryParam(name).map(text -> {
            try {
                return Instant.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw VmsException.invalid(name, name + " must be an ISO-8601 instant such as 2026-01-31T08:00:00Z, got '"
                        + text + "'");
            }
        }).orElse(null);
    }
}
