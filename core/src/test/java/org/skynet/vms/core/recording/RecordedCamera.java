package org.skynet.vms.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;

/**
 * A simulated camera added over the API, recorded continuously until the catalogue holds a given
 * length, then stopped so its segment is closed: the recorded span, for playback and export tests.
 *
 * @param id   the camera id
 * @param from where the first recorded span starts
 * @param to   where it ends
 */
public record RecordedCamera(String id, Instant from, Instant to) {

    /** Something done while the camera is being recorded, e.g. triggering events. */
    @FunctionalInterface
    public interface WhileRecording {
        void run() throws Exception;
    }

    /** Adds {@code cam} as {@code id} in district {@code district} and records at least {@code millis}. */
    public static RecordedCamera record(ApiTestClient api, String technician, String id, String district,
            SimulatedCamera cam, long millis) throws Exception {
        return record(api, technician, id, district, cam, millis, () -> { });
    }

    /**
     * Adds {@code cam} as {@code id} in district {@code district}, switches recording on, runs {@code during}
     * (which may wait for the recording to get somewhere), and stops once at least {@code millis} are recorded.
     */
    public static RecordedCamera record(ApiTestClient api, String technician, String id, String district,
            SimulatedCamera cam, long millis, WhileRecording during) throws Exception {
        String body = "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"district\":\"" + district + "\",\"lat\":23.01,"
                + "\"lon\":113.75,\"bearing\":90,\"fov\":60,\"range\":50,\"rtspUrl\":\"" + cam.rtspMainUrl()
                + "\",\"username\":\"" + cam.username() + "\",\"password\":\"" + cam.password() + "\"}";
        assertEquals(201, api.send("POST", "/api/cameras", technician, body).statusCode());
        setMode(api, technician, id, "continuous");
        String recordings = "/api/cameras/" + id + "/recordings?from=" + Instant.now().minusSeconds(60);
        during.run();
        TestServer.awaitJson(api, recordings, technician, b -> b.path("recordedMillis").asLong() >= millis);
        setMode(api, technician, id, "off");
        JsonNode closed = TestServer.awaitJson(api, recordings, technician, b -> b.get("segments").size() > 0
                && b.get("segments").get(0).get("state").asText().equals("closed"));
        JsonNode span = closed.get("spans").get(0);
        return new RecordedCamera(id, Instant.parse(span.get("start").textValue()),
                Instant.parse(span.get("end").textValue()));
    }

    private static void setMode(ApiTestClient api, String technician, String id, String mode) throws Exception {
        assertEquals(200, api.send("PUT", "/api/cameras/" + id + "/recording", technician,
                "{\"mode\":\"" + mode + "\"}").statusCode());
    }
}
