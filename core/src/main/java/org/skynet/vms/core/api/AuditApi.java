package org.skynet.vms.core.api;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.StringWriter;
import java.time.Instant;
import org.skynet.vms.core.audit.AuditExport;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.audit.AuditQuery;
import org.skynet.vms.core.audit.AuditSearch;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.VmsException;

/**
 * {@code GET /api/audit}: the audit log for supervisors and admins, newest first, filtered by
 * {@code from}, {@code to} (ISO-8601 instants), {@code actor}, {@code action} (exact, or a prefix
 * ending in {@code *}), {@code target}, with {@code limit} (default 100, max 1000) and {@code cursor}
 * for the next page. {@code GET /api/audit/export?from=&to=} (same roles) downloads a period as JSON
 * lines with the hash chain ({@link AuditExport}); each export is itself audited. See
 * {@code docs/ref/api.md#audit}.
 */
public final class AuditApi {
    /** The content type of an export: one JSON object per line. */
    public static final String NDJSON = "application/x-ndjson; charset=utf-8";
    private static final Access READERS = Access.roles(Role.SUPERVISOR, Role.ADMIN);

    private final AuditSearch search;
    private final AuditExport export;
    private final AuditLog audit;

    /** Search only, no export route. */
    public AuditApi(AuditSearch search) {
        this(search, null, null);
    }

    public AuditApi(AuditSearch search, AuditExport export, AuditLog audit) {
        this.search = search;
        this.export = export;
        this.audit = audit;
    }

    public void register(ApiRouter router) {
        router.get("/api/audit", READERS, req -> {
            requireCityWide(req);
            return ApiResponse.ok(search.find(query(req)));
        });
        if (export != null) {
            router.get("/api/audit/export", READERS, this::export);
        }
    }

    /**
     * The audit log names users, cameras and exports of every district in one hash chain: a district-limited
     * supervisor is refused it (403) rather than shown a filtered chain that no longer verifies.
     */
    private static void requireCityWide(ApiRequest req) {
        DistrictScope.of(req.principal()).requireAll("the audit log covers every district; ask a supervisor"
                + " without district limits");
    }

    private ApiResponse export(ApiRequest req) {
        requireCityWide(req);
        Instant from = req.instantParam("from").orElse(null);
        Instant to = req.instantParam("to").orElse(null);
        if (from != null && to != null && !from.isBefore(to)) {
            throw VmsException.invalid("to", "'to' (" + to + ") must be after 'from' (" + from + ")");
        }
        StringWriter out = new StringWriter();
        long n = export.write(from, to, out);
        audit.record(req.requirePrincipal().username(), "audit.export", null,
                "from " + (from == null ? "start" : from) + " to " + (to == null ? "now" : to) + ": " + n + " entries",
                req.remoteAddress());
        return ApiResponse.text(HttpResponseStatus.OK, NDJSON, out.toString())
                .withHeader("Content-Disposition", "attachment; filename=\"audit-export.jsonl\"");
    }

    static AuditQuery query(ApiRequest req) {
        return new AuditQuery(req.instantParam("from").orElse(null), req.instantParam("to").orElse(null),
                req.queryParam("actor").orElse(null), req.queryParam("action").orElse(null),
                req.queryParam("target").orElse(null),
                req.intParam("limit", AuditQuery.DEFAULT_LIMIT, 1, AuditQuery.MAX_LIMIT),
                req.queryParam("cursor").map(AuditSearch::parseCursor).orElse(null));
    }
}
