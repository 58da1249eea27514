package org.skynet.vms.core.api;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.server.Access;
import org.skynet.vms.core.server.ApiResponse;
import org.skynet.vms.core.server.ApiRouter;

/**
 * {@code GET /api/health}: whether the server and its database answer. Public, so load balancers and
 * the {@code ./vms} launcher can poll it; it reveals nothing but status and versions.
 */
public final class HealthApi {
    private final Jdbc jdbc;
    private final Clock clock;
    private final Instant startedAt;
    private final String mode;

    public HealthApi(Jdbc jdbc, Clock clock, String mode) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.mode = mode;
    }

    public void register(ApiRouter router) {
        router.get("/api/health", Access.PUBLIC, req -> ApiResponse.ok(health()));
    }

    Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean dbUp;
        try {
            dbUp = jdbc.queryOne("SELECT 1", rs -> rs.getInt(1)).isPresent();
        } catch (RuntimeException e) {
            dbUp = false;
        }
        body.put("status", dbUp ? "UP" : "DEGRADED");
        body.put("database", Map.of("status", dbUp ? "UP" : "DOWN", "kind", jdbc.database().dialect().name().toLowerCase()));
        body.put("mode", mode);
        // This API only runs where the whole server runs: the active one (a standby answers from ha.StandbyServer).
        body.put("role", "active");
        body.put("version", VersionInfo.VERSION);
        body.put("startedAt", startedAt);
        body.put("now", clock.instant());
        return body;
    }
}
