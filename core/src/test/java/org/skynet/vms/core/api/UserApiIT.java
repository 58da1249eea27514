package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code /api/users} over real HTTP: admin CRUD, other roles refused, policy errors, disabling ends sessions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserApiIT {
    private SecuredServer server;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        server = SecuredServer.start(Map.of());
        admin = server.token("admin", "admin");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private HttpResponse<String> asAdmin(String method, String path, String body) throws Exception {
        return server.bearer(admin, method, path, body);
    }

    private static String field(HttpResponse<String> r) throws Exception {
        return SecuredServer.json(r).at("/error/field").asText();
    }

    private List<String> auditActions(String target) throws Exception {
        JsonNode items = SecuredServer.json(asAdmin("GET", "/api/audit?target=" + target, null)).get("items");
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get("action").asText() + " by " + i.get("actor").asText()));
        return out;
    }

    @Test
    void adminCreatesReadsListsAndChangesUsers() throws Exception {
        HttpResponse<String> created = asAdmin("POST", "/api/users",
                "{\"username\":\"dora\",\"password\":\"dora-long-secret-1\",\"roles\":[\"operator\"],\"districts\":[\"Nancheng\"]}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode dora = SecuredServer.json(created);
        assertEquals("[\"operator\"]", dora.get("roles").toString());
        assertEquals("[\"Nancheng\"]", dora.get("districts").toString());
        assertTrue(dora.get("enabled").asBoolean());
        assertTrue(!created.body().contains("password"), "no password or hash in the answer: " + created.body());

        assertEquals(200, asAdmin("GET", "/api/users/dora", null).statusCode());
        assertTrue(asAdmin("GET", "/api/users", null).body().contains("\"dora\""));
        assertEquals(404, asAdmin("GET", "/api/users/nobody", null).statusCode());
        assertEquals(409, asAdmin("POST", "/api/users",
                "{\"username\":\"dora\",\"password\":\"another-long-one\",\"roles\":[\"operator\"]}").statusCode());

        HttpResponse<String> patched = asAdmin("PATCH", "/api/users/dora", "{\"roles\":[\"operator\",\"supervisor\"],\"districts\":[]}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("[\"operator\",\"supervisor\"]", SecuredServer.json(patched).get("roles").toString());
        assertEquals("[]", SecuredServer.json(patched).get("districts").toString());

        assertEquals(204, asAdmin("POST", "/api/users/dora/password", "{\"password\":\"reset-by-admin-2\"}").statusCode());
        server.token("dora", "reset-by-admin-2");
        assertEquals(List.of("login by dora", "user.password.reset by admin", "user.update by admin", "user.create by admin"),
                auditActions("dora"));
    }

    @Test
    void otherRolesAreRefused() throws Exception {
        for (String role : List.of("operator", "technician", "supervisor")) {
            String token = server.token(role, role);
            assertEquals(403, server.bearer(token, "GET", "/api/users", null).statusCode(), role);
            assertEquals(403, server.bearer(token, "POST", "/api/users",
                    "{\"username\":\"x\",\"password\":\"long-enough-pw\",\"roles\":[\"admin\"]}").statusCode(), role);
            assertEquals(403, server.bearer(token, "PATCH", "/api/users/" + role, "{\"roles\":[\"admin\"]}").statusCode(), role);
        }
        assertEquals(401, server.send("GET", "/api/users", null).statusCode());
    }

    @Test
    void policyViolationsAre400NamingTheField() throws Exception {
        String[][] cases = {
            {"{\"username\":\"eve1\",\"password\":\"short\",\"roles\":[\"operator\"]}", "password"},
            {"{\"username\":\"eve1234567\",\"password\":\"EVE1234567\",\"roles\":[\"operator\"]}", "password"},
            {"{\"username\":\"eve2\",\"password\":\"Password123\",\"roles\":[\"operator\"]}", "password"},
            {"{\"username\":\"eve3\",\"password\":\"long-enough-pw\",\"roles\":[]}", "roles"},
            {"{\"username\":\"eve4\",\"password\":\"long-enough-pw\",\"roles\":[\"king\"]}", "roles"},
            {"{\"username\":\"bad name\",\"password\":\"long-enough-pw\",\"roles\":[\"operator\"]}", "username"},
            {"{\"username\":\"eve5\",\"password\":\"long-enough-pw\",\"roles\":[\"operator\"],\"districts\":[\"a,b\"]}", "districts"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = asAdmin("POST", "/api/users", c[0]);
            assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
            assertEquals(c[1], field(r), c[0]);
        }
        assertEquals("password", field(asAdmin("POST", "/api/users/operator/password", "{\"password\":\"qwertyuiop\"}")));
        assertEquals("enabled", field(asAdmin("PATCH", "/api/users/admin", "{\"enabled\":false}")), "no self-disable");
        assertEquals("roles", field(asAdmin("PATCH", "/api/users/admin", "{\"roles\":[\"operator\"]}")), "no self-demotion");
    }

    @Test
    void disablingAUserEndsTheirSessionsAtOnce() throws Exception {
        assertEquals(201, asAdmin("POST", "/api/users",
                "{\"username\":\"fred\",\"password\":\"fred-long-secret\",\"roles\":[\"technician\"]}").statusCode());
        String fred = server.token("fred", "fred-long-secret");
        assertEquals(200, server.bearer(fred, "GET", "/api/session", null).statusCode());

        HttpResponse<String> off = asAdmin("PATCH", "/api/users/fred", "{\"enabled\":false}");
        assertEquals(200, off.statusCode(), off.body());
        assertEquals(401, server.bearer(fred, "GET", "/api/session", null).statusCode());
        assertEquals(401, server.send("POST", "/api/session", "{\"username\":\"fred\",\"password\":\"fred-long-secret\"}").statusCode());

        assertEquals(200, asAdmin("PATCH", "/api/users/fred", "{\"enabled\":true}").statusCode());
        assertEquals(401, server.bearer(fred, "GET", "/api/session", null).statusCode(), "the old session stays ended");
        server.token("fred", "fred-long-secret");
        assertTrue(auditActions("fred").contains("user.disable by admin"), auditActions("fred").toString());
    }
}
