package org.skynet.vms.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.skynet.vms.core.audit.AuditLog;
import org.skynet.vms.core.monitor.CameraHealth;
import org.skynet.vms.core.monitor.HealthState;
import org.skynet.vms.core.monitor.MonitorService;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;
import org.skynet.vms.errors.VmsException;

/**
 * Camera health over HTTP: the dashboard summary ({@code /api/monitor/summary}), one camera's health
 * ({@code /api/cameras/{id}/health}), the health list ({@code /api/health/cameras}) and maintenance
 * windows ({@code /api/cameras/{id}/maintenance}, technicians and admins, audited). Reads come from the
 * monitor's memory, not the database. See {@code docs/ref/api.md#monitor-and-alarms}.
 */
public final class MonitorApi {
    private static final Access MAINTAIN = Access.roles(Role.TECHNICIAN, Role.ADMIN);
    private static final int MAX_REASON = 500;

    private final MonitorService monitor;
    private final AuditLog audit;

    public MonitorApi(MonitorService monitor, AuditLog audit) {
        this.monitor = monitor;
        this.audit = audit;
    }

    public void register(ApiRouter router) {
        router.get("/api/monitor/summary", Access.ANY_USER, this::summary);
        router.get("/api/cameras/{id}/health", Access.ANY_USER, req -> ApiResponse.ok(view(health(req))));
        router.get("/api/health/cameras", Access.ANY_USER, this::list);
        router.post("/api/cameras/{id}/maintenance", MAINTAIN, this::startMaintenance);
        router.delete("/api/cameras/{id}/maintenance", MAINTAIN, this::endMaintenance);
    }

    /** One camera's health on the wire. */
    record HealthView(String cameraId, String district, HealthState state, String reason, Instant since,
                      long latencyMillis, Instant maintenanceUntil) {
    }

    /** Counts per state, overall and per district. */
    record Summary(int cameras, Map<HealthState, Integer> states, Map<String, Map<HealthState, Integer>> districts) {
    }

    record HealthList(List<HealthView> items, String nextCursor) {
    }

    private HealthView view(CameraHealth h) {
        return new HealthView(h.cameraId(), monitor.districtOf(h.cameraId()).orElse(null), h.state(), h.reason(), h.since(),
                h.lastLatencyMillis(), h.maintenanceUntil());
    }

    /** The health of the path's camera, NOT_FOUND when unwatched or outside the caller's districts. */
    private CameraHealth health(ApiRequest req) {
        return monitor.health(req.pathParam("id"), DistrictScope.of(req.principal()));
    }

    private ApiResponse summary(ApiRequest req) {
        DistrictScope scope = DistrictScope.of(req.principal());
        String district = req.queryParam("district").orElse(null);
        Map<HealthState, Integer> total = emptyCounts();
        Map<String, Map<HealthState, Integer>> byDistrict = new TreeMap<>();
        int n = 0;
        for (CameraHealth h : monitor.states().all()) {
            Optional<String> known = monitor.districtOf(h.cameraId());
            String d = known.orElse("unknown");
            if (district != null && !district.equals(d) || !scope.allows(known.orElse(null))) {
                continue;
            }
            n++;
            total.merge(h.state(), 1, Integer::sum);
            byDistrict.computeIfAbsent(d, k -> emptyCounts()).merge(h.state(), 1, Integer::sum);
        }
        return ApiResponse.ok(new Summary(n, total, byDistrict));
    }

    private ApiResponse list(ApiRequest req) {
        DistrictScope scope = DistrictScope.of(req.principal());
        String district = req.queryParam("district").orElse(null);
        HealthState state = req.queryParam("state").map(MonitorApi::state).orElse(null);
        int limit = req.intParam("limit", CameraApi.DEFAULT_LIMIT, 1, CameraApi.MAX_LIMIT);
        String after = req.queryParam("cursor").map(MonitorApi::decodeCursor).orElse(null);
        List<CameraHealth> matching = new ArrayList<>();
        for (CameraHealth h : monitor.states().all()) {
            if ((state == null || h.state() == state) && (after == null || h.cameraId().compareTo(after) > 0)
                    && (district == null || district.equals(monitor.districtOf(h.cameraId()).orElse(null)))
                    && scope.allows(monitor.districtOf(h.cameraId()).orElse(null))) {
                matching.add(h);
            }
        }
        matching.sort(Comparator.comparing(CameraHealth::cameraId));
        List<HealthView> items = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, matching.size()); i++) {
            items.add(view(matching.get(i)));
        }
        String next = matching.size() > limit ? encodeCursor(matching.get(limit - 1).cameraId()) : null;
        return ApiResponse.ok(new HealthList(items, next));
    }

    private ApiResponse startMaintenance(ApiRequest req) {
        String id = health(req).cameraId();
        JsonNode body = req.jsonBody();
        String reason = text(body, "reason");
        if (reason.length() > MAX_REASON) {
            throw VmsException.invalid("reason", "reason is longer than " + MAX_REASON + " characters");
        }
        Instant until;
        try {
            until = Instant.parse(text(body, "until"));
        } catch (DateTimeParseException e) {
            throw VmsException.invalid("until", "until must be an ISO-8601 instant such as 2026-11-26T18:00:00Z");
        }
        CameraHealth h = monitor.startMaintenance(id, reason, until);
        audit.record(req.requirePrincipal().username(), "camera.maintenance.start", id,
                "until=" + until + " reason=" + reason, req.remoteAddress());
        return ApiResponse.ok(view(h));
    }

    private ApiResponse endMaintenance(ApiRequest req) {
        String id = health(req).cameraId();
        CameraHealth h = monitor.endMaintenance(id);
        audit.record(req.requirePrincipal().username(), "camera.maintenance.end", id, null, req.remoteAddress());
        return ApiResponse.ok(view(h));
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw VmsException.invalid(field, field + " is required (text)");
        }
        return v.textValue().strip();
    }

    static HealthState state(String s) {
        try {
            return HealthState.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw VmsException.invalid("state", "unknown state '" + s + "': expected one of "
                    + java.util.Arrays.toString(HealthState.values()).toLowerCase(Locale.ROOT));
        }
    }

    private static Map<HealthState, Integer> emptyCounts() {
        Map<HealthState, Integer> m = new EnumMap<>(HealthState.class);
        for (HealthState s : HealthState.values()) {
            m.put(s, 0);
        }
        return m;
    }

    private static String encodeCursor(String lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("h" + lastId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith("h") && raw.length() > 1) {
                return raw.substring(1);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw VmsException.invalid("cursor", "cursor is not one this server issued");
    }
}
