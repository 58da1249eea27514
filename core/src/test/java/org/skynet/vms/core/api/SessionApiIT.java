package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.ServerDatabase;
import org.skynet.vms.core.db.TestDatabases;
import org.skynet.vms.core.server.Json;

/**
 * Sessions and the audit log over real HTTP on loopback: the whole server in demo mode, once on the
 * embedded H2 and once on PostgreSQL (a fresh schema), each started once for this class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionApiIT {
    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Server> servers = new ConcurrentHashMap<>();
    private final Map<Server, String> supervisorTokens = new ConcurrentHashMap<>();

    /** One started server per database leg, with what to tear down after it. */
    private record Server(VmsApplication app, Path dataDir, ServerDatabase database) {
        String url(String path) {
            return "http://127.0.0.1:" + app.port() + path;
        }
    }

    Stream<String> legs() {
        return TestDatabases.all().stream().map(TestDatabases.Factory::name);
    }

    private Server server(String leg) {
        return servers.computeIfAbsent(leg, l -> {
            try {
                Path dataDir = Files.createTempDirectory("vms-session-it");
                Map<String, String> flags = new HashMap<>(Map.of("port", "0", "data", dataDir.toString(), "bind", "127.0.0.1",
                        "http.max-body-bytes", Integer.toString(MAX_BODY_BYTES),
                        // every test logs in from 127.0.0.1 and several fail on purpose: keep the throttle out of the way
                        "session.max-failed-logins", "1000"));
                ServerDatabase database = l.equals("postgresql") ? ServerDatabase.postgres() : ServerDatabase.h2();
                flags.putAll(database.flags());
                VmsApplication app = VmsApplication.start(VmsConfig.ofFlags(flags), VmsApplication.Mode.DEMO, Clock.systemUTC());
                return new Server(app, dataDir, database);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the server on " + l, e);
            }
        });
    }

    @AfterAll
    void stopServers() {
        for (Server s : servers.values()) {
            s.app().close();
            s.database().close();
        }
    }

    @ParameterizedTest
    @MethodSource("legs")
    void loginGivesTokenThatWorksAsBearerAndAsCookie(String leg) throws Exception {
        Server s = server(leg);
        HttpResponse<String> login = login(s, "supervisor", "supervisor");
        assertEquals(200, login.statusCode(), login.body());
        JsonNode body = Json.MAPPER.readTree(login.body());
        String token = body.get("token").asText();
        assertEquals(43, token.length());
        assertEquals("supervisor", body.at("/user/username").asText());
        assertEquals("[\"supervisor\"]", body.at("/user/roles").toString());
        assertEquals("[]", body.at("/user/districts").toString());

        String cookie = login.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(cookie.startsWith("vms_session=" + token + ";"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.contains("Path=/"), cookie);

        HttpResponse<String> byBearer = send(s, "GET", "/api/session", null, "Authorization", "Bearer " + token);
        assertEquals(200, byBearer.statusCode(), byBearer.body());
        assertEquals("supervisor", Json.MAPPER.readTree(byBearer.body()).at("/user/username").asText());
        HttpResponse<String> byCookie = send(s, "GET", "/api/audit?limit=1", null, "Cookie", "vms_session=" + token);
        assertEquals(200, byCookie.statusCode(), byCookie.body());
    }

    @ParameterizedTest
    @MethodSource("legs")
    void wrongPasswordAndUnknownUserGetTheSame401AndAreAudited(String leg) throws Exception {
        Server s = server(leg);
        HttpResponse<String> wrong = login(s, "operator", "not-the-password");
        HttpResponse<String> unknown = login(s, "nobody-" + leg, "whatever");
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        assertEquals("AUTH_FAILED", error(wrong).get("code").asText());
        assertEquals(error(wrong).get("message"), error(unknown).get("message"));
        assertTrue(wrong.headers().firstValue("set-cookie").isEmpty());

        JsonNode items = audit(s, "?action=login.failed&target=nobody-" + leg).get("items");
        assertEquals(1, items.size(), items.toString());
        assertEquals("127.0.0.1", items.get(0).get("remoteAddress").asText());
        assertTrue(items.get(0).get("actor").isNull());
        assertNotNull(items.get(0).get("at").asText());
    }

    @ParameterizedTest
    @MethodSource("legs")
    void protectedRouteWithoutValidSessionIs401(String leg) throws Exception {
        Server s = server(leg);
        HttpResponse<String> none = send(s, "GET", "/api/audit", null);
        assertEquals(401, none.statusCode());
        assertEquals("UNAUTHENTICATED", error(none).get("code").asText());
        HttpResponse<String> forged = send(s, "GET", "/api/session", null, "Authorization",
                "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertEquals(401, forged.statusCode());
    }

    @ParameterizedTest
    @MethodSource("legs")
    void operatorMayNotReadTheAuditLog(String leg) throws Exception {
        Server s = server(leg);
        HttpResponse<String> r = send(s, "GET", "/api/audit", null, "Authorization", "Bearer " + token(s, "operator"));
        assertEquals(403, r.statusCode());
        assertEquals("FORBIDDEN", error(r).get("code").asText());
    }

    @ParameterizedTest
    @MethodSource("legs")
    void logoutInvalidatesTheTokenAndClearsTheCookie(String leg) throws Exception {
        Server s = server(leg);
        String token = token(s, "technician");
        HttpResponse<String> out = send(s, "DELETE", "/api/session", null, "Authorization", "Bearer " + token);
        assertEquals(204, out.statusCode());
        String cleared = out.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(cleared.startsWith("vms_session=;"), cleared);
        assertTrue(cleared.contains("Max-Age=0"), cleared);

        assertEquals(401, send(s, "GET", "/api/session", null, "Authorization", "Bearer " + token).statusCode());
        assertEquals(204, send(s, "DELETE", "/api/session", null).statusCode(), "logging out twice is fine");
        JsonNode items = audit(s, "?action=logout&actor=technician").get("items");
        assertFalse(items.isEmpty());
    }

    @ParameterizedTest
    @MethodSource("legs")
    void badLoginBodiesAre400NamingTheProblem(String leg) throws Exception {
        Server s = server(leg);
        HttpResponse<String> malformed = send(s, "POST", "/api/session", "{\"username\": \"admin\", ");
        assertEquals(400, malformed.statusCode());
        assertTrue(error(malformed).get("message").asText().startsWith("malformed JSON"), malformed.body());
        assertTrue(error(malformed).get("message").asText().contains("line 1"), malformed.body());

        HttpResponse<String> missing = send(s, "POST", "/api/session", "{\"username\":\"admin\"}");
        assertEquals(400, missing.statusCode());
        assertEquals("password", error(missing).get("field").asText());

        HttpResponse<String> unknownField = send(s, "POST", "/api/session", "{\"user\":\"admin\",\"password\":\"admin\"}");
        assertEquals(400, unknownField.statusCode());
        assertEquals("user", error(unknownField).get("field").asText(), unknownField.body());
    }

    @ParameterizedTest
    @MethodSource("legs")
    void oversizedBodyIs413WithTheJsonError(String leg) throws Exception {
        Server s = server(leg);
        String huge = "{\"username\":\"admin\",\"password\":\"" + "x".repeat(MAX_BODY_BYTES + 1) + "\"}";
        HttpResponse<String> r = send(s, "POST", "/api/session", huge);
        assertEquals(413, r.statusCode());
        assertEquals("LIMIT_EXCEEDED", error(r).get("code").asText());
    }

    @ParameterizedTest
    @MethodSource("legs")
    void auditPagesWithCursorAndRejectsBadFilters(String leg) throws Exception {
        Server s = server(leg);
        for (int i = 0; i < 3; i++) {
            login(s, "pager-" + leg, "x");
        }
        String filter = "?action=login.failed&target=pager-" + leg + "&limit=2";
        JsonNode first = audit(s, filter);
        assertEquals(2, first.get("items").size());
        String cursor = first.get("nextCursor").asText();
        JsonNode second = audit(s, filter + "&cursor=" + cursor);
        assertEquals(1, second.get("items").size());
        assertTrue(second.get("nextCursor").isNull());
        List<Long> ids = new ArrayList<>();
        first.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        second.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        assertTrue(ids.get(0) > ids.get(1) && ids.get(1) > ids.get(2), "newest first: " + ids);

        String admin = token(s, "admin");
        HttpResponse<String> badFrom = send(s, "GET", "/api/audit?from=yesterday", null, "Authorization", "Bearer " + admin);
        assertEquals(400, badFrom.statusCode());
        assertEquals("from", error(badFrom).get("field").asText());
        HttpResponse<String> badLimit = send(s, "GET", "/api/audit?limit=5000", null, "Authorization", "Bearer " + admin);
        assertEquals("limit", error(badLimit).get("field").asText());
    }

    @ParameterizedTest
    @MethodSource("legs")
    void userChangesOwnPassword(String leg) throws Exception {
        Server s = server(leg);
        // a user of this test only, so the demo logins the other tests use stay as they are
        String name = "changer";
        if (s.app().userStore().find(name).isEmpty()) {
            s.app().userStore().create(org.skynet.vms.core.users.NewUser.of(name, "first-password",
                    org.skynet.vms.core.users.Role.OPERATOR));
        }
        String token = Json.MAPPER.readTree(login(s, name, "first-password").body()).get("token").asText();
        HttpResponse<String> r = send(s, "POST", "/api/session/password",
                "{\"currentPassword\":\"first-password\",\"newPassword\":\"second-password\"}", "Authorization", "Bearer " + token);
        assertEquals(204, r.statusCode(), r.body());
        assertEquals(401, login(s, name, "first-password").statusCode());
        assertEquals(200, login(s, name, "second-password").statusCode());
    }

    private HttpResponse<String> login(Server s, String user, String password) throws Exception {
        return send(s, "POST", "/api/session", Json.MAPPER.writeValueAsString(Map.of("username", user, "password", password)));
    }

    private String token(Server s, String demoUser) throws Exception {
        HttpResponse<String> r = login(s, demoUser, demoUser);
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("token").asText();
    }

    /** Reads the audit log as a supervisor whose session is reused, so the reads add no entries and no hashing. */
    private JsonNode audit(Server s, String query) throws Exception {
        String token = supervisorTokens.get(s);
        if (token == null) {
            token = token(s, "supervisor");
            supervisorTokens.put(s, token);
        }
        HttpResponse<String> r = send(s, "GET", "/api/audit" + query, null, "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private static JsonNode error(HttpResponse<String> r) throws Exception {
        return Json.MAPPER.readTree(r.body()).get("error");
    }

    private HttpResponse<String> send(Server s, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url(path))).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
