package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-user login throttle over HTTP: 429 with Retry-After for that user only, audited. */
class UserThrottleIT {
    private static final String LOGIN = "{\"username\":\"%s\",\"password\":\"%s\"}";

    @Test
    void userIsRefusedWithRetryAfterAndOthersAreNot() throws Exception {
        try (SecuredServer server = SecuredServer.start(Map.of("session.max-failed-logins-per-user", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(401, server.send("POST", "/api/session", LOGIN.formatted("technician", "guess-" + i)).statusCode());
            }
            HttpResponse<String> refused = server.send("POST", "/api/session", LOGIN.formatted("technician", "technician"));
            assertEquals(429, refused.statusCode(), refused.body());
            assertTrue(Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow()) > 0);
            assertEquals("TOO_MANY_REQUESTS", SecuredServer.json(refused).at("/error/code").asText());

            String admin = server.token("admin", "admin");
            HttpResponse<String> audit = server.bearer(admin, "GET", "/api/audit?action=login.throttled&target=technician", null);
            assertEquals(1, SecuredServer.json(audit).get("items").size(), audit.body());
        }
    }
}
