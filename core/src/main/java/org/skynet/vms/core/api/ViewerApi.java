package org.skynet.vms.core.api;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.skynet.vms.core.audit.AuditEntry;
import org.skynet.vms.core.audit.ViewingHistory;
import org.skynet.vms.core.registry.CameraRegistry;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.users.DistrictScope;
import org.skynet.vms.core.users.Role;

/**
 * {@code GET /api/cameras/{id}/viewers?from=&to=&limit=}: who watched a camera (live, RTSP, playback,
 * export) in a time range, from the audit log; supervisors and admins, within their districts. See
 * {@code docs/ref/api.md#viewers}.
 */
public final class ViewerApi {
    /** Entries listed when no {@code limit} is given. */
    public static final int DEFAULT_LIMIT = 200;
    /** Most entries one answer may list. */
    public static final int MAX_LIMIT = 1000;
    private static final Access READERS = Access.roles(Role.SUPERVISOR, Role.ADMIN);

    private final ViewingHistory history;
    private final CameraRegistry registry;
    private final Clock clock;

    public ViewerApi(ViewingHistory history, CameraRegistry registry, Clock clock) {
        this.history = history;
        this.registry = registry;
        this.clock = clock;
    }

    public void register(ApiRouter router) {
        router.get("/api/cameras/{id}/viewers", READERS, this::viewers);
    }

    /** One user's viewing in the range: how many audited actions and the latest. */
    record ViewerView(String user, int entries, Instant lastAt) {
    }

    /** The body of a viewers answer; {@code entries} newest first. */
    record ViewersView(String cameraId, Instant from, Instant to, List<ViewerView> viewers, List<AuditEntry> entries,
            boolean truncated) {
    }

    private ApiResponse viewers(ApiRequest req) {
        String id = registry.get(req.pathParam("id"), DistrictScope.of(req.principal())).id();
        TimeRange range = TimeRange.of(req, clock.instant(), RecordingApi.DEFAULT_RANGE, RecordingApi.MAX_RANGE);
        int limit = req.intParam("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        List<AuditEntry> rows = history.of(id, range.from(), range.to(), limit + 1);
        List<AuditEntry> entries = rows.stream().limit(limit).toList();
        return ApiResponse.ok(new ViewersView(id, range.from(), range.to(), byUser(entries), entries, rows.size() > limit));
    }

    /** One row per user, most recent viewer first (entries come newest first). */
    private static List<ViewerView> byUser(List<AuditEntry> entries) {
        Map<String, ViewerView> users = new LinkedHashMap<>();
        for (AuditEntry e : entries) {
            String user = e.actor() == null ? "system" : e.actor();
            ViewerView seen = users.get(user);
            users.put(user, seen == null ? new ViewerView(user, 1, e.at())
                    : new ViewerView(user, seen.entries() + 1, seen.lastAt()));
        }
        return List.copyOf(users.values());
    }
}
