package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** CSRF protection: cookie requests that change state need X-CSRF-Token; bearer requests do not. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CsrfIT {
    private static final String NEW_USER = "{\"username\":\"%s\",\"password\":\"csrf-long-secret\",\"roles\":[\"operator\"]}";

    private SecuredServer server;

    @BeforeAll
    void start() throws Exception {
        server = SecuredServer.start(Map.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void cookiePostWithoutTheTokenIsRefusedAndWithItWorks() throws Exception {
        JsonNode login = server.login("admin", "admin");
        String cookie = "vms_session=" + login.get("token").asText();
        String csrf = login.get("csrfToken").asText();

        HttpResponse<String> none = server.send("POST", "/api/users", NEW_USER.formatted("c1"), "Cookie", cookie);
        assertEquals(403, none.statusCode(), none.body());
        assertEquals("CSRF_TOKEN_INVALID", SecuredServer.json(none).at("/error/code").asText());
        assertEquals(403, server.send("POST", "/api/users", NEW_USER.formatted("c1"), "Cookie", cookie,
                "X-CSRF-Token", csrf + "x").statusCode(), "a wrong token");
        assertEquals(403, server.send("PATCH", "/api/users/operator", "{\"enabled\":false}", "Cookie", cookie).statusCode());
        assertEquals(404, server.send("GET", "/api/users/c1", null, "Cookie", cookie).statusCode(), "nothing was created; GET needs no token");

        HttpResponse<String> with = server.send("POST", "/api/users", NEW_USER.formatted("c1"), "Cookie", cookie, "X-CSRF-Token", csrf);
        assertEquals(201, with.statusCode(), with.body());
        HttpResponse<String> session = server.send("GET", "/api/session", null, "Cookie", cookie);
        assertEquals(csrf, SecuredServer.json(session).get("csrfToken").asText(), "GET /api/session hands out the same token");
    }

    @Test
    void bearerRequestsAreUnaffected() throws Exception {
        String token = server.token("admin", "admin");
        assertEquals(201, server.bearer(token, "POST", "/api/users", NEW_USER.formatted("c2")).statusCode());
    }

    @Test
    void tokenOfAnotherSessionDoesNotWork() throws Exception {
        JsonNode mine = server.login("admin", "admin");
        JsonNode other = server.login("admin", "admin");
        assertEquals(403, server.send("POST", "/api/users", NEW_USER.formatted("c3"), "Cookie", "vms_session=" + mine.get("token").asText(),
                "X-CSRF-Token", other.get("csrfToken").asText()).statusCode());
    }
}
