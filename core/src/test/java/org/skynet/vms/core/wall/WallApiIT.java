package org.skynet.vms.core.wall;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;

/**
 * {@code GET/PUT /api/me/wall} on a real server: validation naming the field, unknown cameras and cameras of
 * another district (404 alike), a round trip, roles.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WallApiIT {
    @TempDir
    static Path data;

    private final ApiTestClient api = new ApiTestClient(() -> this.app.port());
    private VmsApplication app;
    private String operator;

    @BeforeAll
    void start() throws Exception {
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.enabled", "false", "camera-events.enabled", "false", "recorder.fsync", "false")),
                VmsApplication.Mode.DEMO, Clock.systemUTC());
        String technician = api.login("technician");
        HttpResponse<String> r = api.send("POST", "/api/cameras", technician, "{\"id\":\"wall-1\",\"name\":\"Gate\","
                + "\"district\":\"d1\",\"lat\":23.01,\"lon\":113.75,\"bearing\":90,\"fov\":60,\"range\":50,"
                + "\"rtspUrl\":\"rtsp://127.0.0.1:9/none\",\"username\":\"u\",\"password\":\"p\"}");
        assertEquals(201, r.statusCode(), r.body());
        operator = api.login("operator");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aUserWithoutASavedWallGetsTheEmptyDefault() throws Exception {
        JsonNode wall = get(api.login("supervisor"));
        assertEquals(4, wall.get("layout").intValue());
        assertEquals("[null,null,null,null]", wall.get("tiles").toString());
    }

    @Test
    void badLayoutsAndTilesAreRefusedNamingTheField() throws Exception {
        assertError(400, "layout", put("{\"layout\":5,\"tiles\":[null,null,null,null,null]}"));
        assertError(400, "layout", put("{\"layout\":\"4\",\"tiles\":[null,null,null,null]}"));
        assertError(400, "tiles", put("{\"layout\":4,\"tiles\":[null]}"));
        assertError(400, "tiles", put("{\"layout\":1}"));
        assertError(400, "tiles[1]", put("{\"layout\":4,\"tiles\":[null,7,null,null]}"));
    }

    @Test
    void anUnknownCameraIsNotFound() throws Exception {
        HttpResponse<String> r = put("{\"layout\":4,\"tiles\":[\"wall-1\",\"no-such-camera\",null,null]}");
        assertEquals(404, r.statusCode(), r.body());
    }

    @Test
    void aCameraOutsideTheUsersDistrictsIsNotFoundAsIfAbsent() throws Exception {
        String password = "nora-long-secret-1";
        HttpResponse<String> created = api.send("POST", "/api/users", api.login("admin"), "{\"username\":\"nora\","
                + "\"password\":\"" + password + "\",\"roles\":[\"operator\"],\"districts\":[\"d2\"]}");
        assertEquals(201, created.statusCode(), created.body());
        HttpResponse<String> login = api.send("POST", "/api/session", null,
                "{\"username\":\"nora\",\"password\":\"" + password + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        String nora = Json.MAPPER.readTree(login.body()).get("token").textValue();
        HttpResponse<String> other = api.send("PUT", "/api/me/wall", nora, "{\"layout\":1,\"tiles\":[\"wall-1\"]}");
        HttpResponse<String> absent = api.send("PUT", "/api/me/wall", nora, "{\"layout\":1,\"tiles\":[\"wall-9\"]}");
        assertEquals(404, other.statusCode(), other.body());
        assertEquals(absent.body().replace("wall-9", "wall-1"), other.body());
    }

    @Test
    void theSavedWallComesBack() throws Exception {
        HttpResponse<String> r = put("{\"layout\":9,\"tiles\":[null,\"wall-1\",null,null,null,null,null,null,\"wall-1\"]}");
        assertEquals(200, r.statusCode(), r.body());
        r = put("{\"layout\":1,\"tiles\":[\"wall-1\"]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode wall = get(operator);
        assertEquals(1, wall.get("layout").intValue());
        assertEquals("[\"wall-1\"]", wall.get("tiles").toString());
    }

    @Test
    void techniciansHaveNoWall() throws Exception {
        assertEquals(403, api.send("GET", "/api/me/wall", api.login("technician"), null).statusCode());
    }

    private HttpResponse<String> put(String body) throws Exception {
        return api.send("PUT", "/api/me/wall", operator, body);
    }

    private JsonNode get(String token) throws Exception {
        HttpResponse<String> r = api.send("GET", "/api/me/wall", token, null);
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private static void assertError(int status, String field, HttpResponse<String> r) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(field, Json.MAPPER.readTree(r.body()).get("error").get("field").asText(), r.body());
    }
}
