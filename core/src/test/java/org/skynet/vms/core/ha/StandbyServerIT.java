package org.skynet.vms.core.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;

/** What a standby answers, on a real socket and without any database. */
class StandbyServerIT {
    private StandbyServer server;
    private ApiTestClient client;

    @BeforeEach
    void start() throws InterruptedException {
        server = StandbyServer.start(VmsConfig.ofFlags(Map.of("port", "0", "bind", "127.0.0.1")), Clock.systemUTC());
        client = new ApiTestClient(server::port);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthSaysStandbyAndIsUnreadyForActiveOnlyProbes() throws Exception {
        HttpResponse<String> health = client.send("GET", "/api/health", null, null);
        assertEquals(200, health.statusCode(), health.body());
        JsonNode body = Json.MAPPER.readTree(health.body());
        assertEquals("standby", body.get("role").asText());
        assertEquals("UP", body.get("status").asText());
        HttpResponse<String> activeOnly = client.send("GET", "/api/health?role=active", null, null);
        assertEquals(503, activeOnly.statusCode());
        assertEquals("standby", Json.MAPPER.readTree(activeOnly.body()).get("role").asText());
    }

    @Test
    void healthNamesTheProblemWhenPostgresIsUnreachable() throws Exception {
        server.health().attempted(Instant.parse("2026-11-26T12:00:00Z"), "cannot reach PostgreSQL for the leader lock: refused");
        JsonNode body = Json.MAPPER.readTree(client.send("GET", "/api/health", null, null).body());
        assertEquals("DEGRADED", body.get("status").asText());
        assertEquals("cannot reach PostgreSQL for the leader lock: refused", body.get("leader").get("problem").asText());
        assertEquals("2026-11-26T12:00:00Z", body.get("leader").get("lastAttempt").asText());
    }

    @Test
    void everyOtherApiRequestIs503Standby() throws Exception {
        for (String[] call : new String[][] {{"GET", "/api/cameras"}, {"POST", "/api/session"}, {"DELETE", "/api/health"},
                {"GET", "/api"}, {"GET", "/api/events"}}) {
            HttpResponse<String> r = client.send(call[0], call[1], null, call[0].equals("POST") ? "{}" : null);
            assertEquals(503, r.statusCode(), call[0] + " " + call[1] + ": " + r.body());
            assertEquals("STANDBY", Json.MAPPER.readTree(r.body()).get("error").get("code").asText(), call[1]);
            assertEquals("5", r.headers().firstValue("retry-after").orElse(null), call[1]);
        }
    }

    @Test
    void theConsoleFilesAreNotGated() throws Exception {
        HttpResponse<String> r = client.send("GET", "/", null, null);
        assertNotEquals(503, r.statusCode(), r.body());
    }
}
