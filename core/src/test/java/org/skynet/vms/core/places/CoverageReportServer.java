package org.skynet.vms.core.places;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.monitor.Await;
import org.skynet.vms.core.server.Json;

/**
 * A demo server on H2 for the coverage report's integration tests: places r1, r2 (district east) and r3 (west),
 * a 360° camera over r1 (cam-r1) and one over r2 (cam-r2), and a prober that answers UNREACHABLE for the cameras
 * taken down ({@link #cameraDown}). Started with cam-r2 OFFLINE: live 1 of 3 places covered, designed 2 of 3.
 * Rate snapshots are checked every second.
 */
public final class CoverageReportServer implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(15);

    private final TestServer server;
    private final Set<String> down;
    private final ApiTestClient api;
    private final String supervisor;

    public CoverageReportServer() throws Exception {
        server = TestServer.start(Files.createTempDirectory("vms-coverage-report"), TestServer.fastMonitorFlags(Map.of(
                "coverage.camera-refresh-millis", "100", "coverage.snapshot-start-delay-seconds", "0",
                "coverage.snapshot-check-seconds", "1")), null);
        try {
            down = server.startProberWithCamerasDown();
            api = server.api();
            supervisor = api.login("supervisor");
            String technician = api.login("technician");
            HttpResponse<String> imported = api.send("POST", "/api/places:import", technician,
                    PlaceStoreTest.collection(List.of(PlaceStoreTest.feature("r1", "east", "school", 0.9, 0),
                            PlaceStoreTest.feature("r2", "east", "park", 0.9, 0.01),
                            PlaceStoreTest.feature("r3", "west", "park", 0.9, 0.02))));
            assertEquals(200, imported.statusCode(), imported.body());
            camera(technician, "cam-r1", 0);
            camera(technician, "cam-r2", 0.01);
            cameraDown("cam-r2", 1);
            assertTrue(Await.until(WAIT, () -> state("cam-r1").equals("ONLINE")), "cam-r1 ONLINE");
            assertEquals(2, placesCovered("designed"));
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
    }

    public VmsApplication app() {
        return server.app();
    }

    public ApiTestClient api() {
        return api;
    }

    /** A supervisor's bearer token. */
    public String supervisor() {
        return supervisor;
    }

    /** Takes a camera down; waits until it is OFFLINE and live coverage counts {@code liveCovered} places. */
    public void cameraDown(String cameraId, int liveCovered) {
        down.add(cameraId);
        assertTrue(Await.until(WAIT, () -> state(cameraId).equals("OFFLINE") && placesCovered("live") == liveCovered),
                cameraId + " OFFLINE");
    }

    /** Brings a camera back; waits until it is ONLINE and live coverage counts {@code liveCovered} places. */
    public void cameraUp(String cameraId, int liveCovered) {
        down.remove(cameraId);
        assertTrue(Await.until(WAIT, () -> state(cameraId).equals("ONLINE") && placesCovered("live") == liveCovered),
                cameraId + " ONLINE");
    }

    /** A camera's monitor state, or "" while it is not watched yet. */
    public String state(String cameraId) {
        try {
            HttpResponse<String> r = api.send("GET", "/api/cameras/" + cameraId + "/health", supervisor, null);
            return r.statusCode() == 200 ? Json.MAPPER.readTree(r.body()).get("state").textValue() : "";
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Covered places in a mode, as the coverage API says. */
    public int placesCovered(String mode) {
        try {
            return Json.MAPPER.readTree(api.send("GET", "/api/coverage?mode=" + mode, supervisor, null).body())
                    .get("placesCovered").intValue();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private void camera(String token, String id, double offset) throws Exception {
        String body = "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"district\":\"east\",\"lat\":23.0201,\"lon\":"
                + (113.7501 + offset) + ",\"bearing\":0,\"fov\":360,\"range\":100,\"rtspUrl\":\"rtsp://127.0.0.1:9/s1\"}";
        HttpResponse<String> r = api.send("POST", "/api/cameras", token, body);
        assertEquals(201, r.statusCode(), r.body());
    }
}
