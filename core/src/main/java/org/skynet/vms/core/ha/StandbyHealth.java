package org.skynet.vms.core.ha;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skynet.vms.core.api.VersionInfo;
import org.skynet.vms.core.server.ApiRequest;
import org.skynet.vms.core.server.ApiResponse;

/**
 * {@code GET /api/health} of a standby: {@code "role":"standby"} and the outcome of its last try for the
 * leader lock. 200, or 503 when asked {@code ?role=active}, for probes that look only at the status (a
 * Kubernetes readiness probe); the active's health answers 200 to the same question.
 */
final class StandbyHealth {
    private final Clock clock;
    private final Instant startedAt;
    private volatile Instant lastAttempt;
    private volatile String problem;

    StandbyHealth(Clock clock) {
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Records the outcome of one try for the lock: {@code problem} is null when PostgreSQL answered. */
    void attempted(Instant at, String problem) {
        this.lastAttempt = at;
        this.problem = problem;
    }

    ApiResponse answer(ApiRequest request) {
        Map<String, Object> leader = new LinkedHashMap<>();
        leader.put("lastAttempt", lastAttempt);
        leader.put("problem", problem);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problem == null ? "UP" : "DEGRADED");
        body.put("role", "standby");
        body.put("mode", "serve");
        body.put("version", VersionInfo.VERSION);
        body.put("startedAt", startedAt);
        body.put("now", clock.instant());
        body.put("leader", leader);
        boolean askedForActive = request.queryParam("role").filter("active"::equals).isPresent();
        return askedForActive ? ApiResponse.json(HttpResponseStatus.SERVICE_UNAVAILABLE, body) : ApiResponse.ok(body);
    }
}
