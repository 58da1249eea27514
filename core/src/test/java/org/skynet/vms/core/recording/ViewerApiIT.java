package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;

/**
 * Who watched a camera, over real HTTP: a recorded simulated camera is played back (whole and in byte
 * ranges), and {@code /api/cameras/{id}/viewers} then lists exactly one playback for it, to supervisors
 * and admins only, within their districts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ViewerApiIT {
    @TempDir
    static Path data;

    private VmsApplication app;
    private SimulatedFleet fleet;
    private final ApiTestClient api = new ApiTestClient(() -> app.port());
    private String operator;
    private String supervisor;
    private RecordedCamera camera;

    @BeforeAll
    void start() throws Exception {
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.enabled", "false", "recorder.fsync", "false")), VmsApplication.Mode.DEMO, Clock.systemUTC());
        fleet = SimulatedFleet.start(SimConfig.builder(1).eventLoopThreads(1).build());
        operator = api.login("operator");
        supervisor = api.login("supervisor");
        camera = RecordedCamera.record(api, api.login("technician"), "watched", "d1", fleet.cameras().get(0), 2000);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void playbackIsAuditedOncePerFileAndListedAsAViewer() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        String playback = "/api/cameras/" + camera.id() + "/playback.mp4?from=" + camera.from() + "&to=" + camera.to();
        assertEquals(200, api.send("GET", playback, operator, null).statusCode());
        assertEquals(206, ranged(playback, "bytes=1000-1999").statusCode(), "a later chunk is not audited again");

        JsonNode viewers = viewers(supervisor, "?from=" + before);
        JsonNode entries = viewers.get("entries");
        assertEquals(1, entries.size(), entries.toString());
        JsonNode entry = entries.get(0);
        assertEquals("operator", entry.get("actor").asText());
        assertEquals("recording.playback", entry.get("action").asText());
        assertEquals("from=" + camera.from() + " to=" + camera.to(), entry.get("detail").asText());
        assertEquals("operator", viewers.get("viewers").get(0).get("user").asText());
        assertEquals(1, viewers.get("viewers").get(0).get("entries").asInt());

        assertEquals(200, api.send("GET", "/api/cameras/" + camera.id() + "/viewers", api.login("admin"), null)
                .statusCode());
    }

    @Test
    void onlySupervisorsAndAdminsWithinTheirDistricts() throws Exception {
        String path = "/api/cameras/" + camera.id() + "/viewers";
        assertEquals(401, api.send("GET", path, null, null).statusCode());
        assertEquals(403, api.send("GET", path, operator, null).statusCode());
        assertEquals(403, api.send("GET", path, api.login("technician"), null).statusCode());
        assertEquals(404, api.send("GET", "/api/cameras/nope/viewers", supervisor, null).statusCode());

        String admin = api.login("admin");
        assertEquals(201, api.send("POST", "/api/users", admin, "{\"username\":\"north-sup\",\"password\":"
                + "\"north-sup-pass\",\"roles\":[\"supervisor\"],\"districts\":[\"North\"]}").statusCode());
        HttpResponse<String> login = api.send("POST", "/api/session", null,
                "{\"username\":\"north-sup\",\"password\":\"north-sup-pass\"}");
        String north = Json.MAPPER.readTree(login.body()).get("token").textValue();
        HttpResponse<String> outside = api.send("GET", path, north, null);
        assertEquals(404, outside.statusCode(), outside.body());
    }

    @Test
    void badRangesNameTheField() throws Exception {
        String path = "/api/cameras/" + camera.id() + "/viewers";
        HttpResponse<String> r = api.send("GET", path + "?from=yesterday", supervisor, null);
        assertEquals(400, r.statusCode());
        assertEquals("from", Json.MAPPER.readTree(r.body()).get("error").get("field").asText());
        assertEquals(400, api.send("GET", path + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", supervisor,
                null).statusCode());
        assertEquals(400, api.send("GET", path + "?limit=0", supervisor, null).statusCode());
    }

    private JsonNode viewers(String token, String query) throws Exception {
        HttpResponse<String> r = api.send("GET", "/api/cameras/" + camera.id() + "/viewers" + query, token, null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"cameraId\":\"" + camera.id() + "\""), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private HttpResponse<String> ranged(String path, String range) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + app.port() + path)).header("Authorization", "Bearer " + operator)
                .header("Range", range).build(), HttpResponse.BodyHandlers.ofString());
    }
}
