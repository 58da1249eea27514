package org.skynet.vms.core.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.server.Json;

/** The API calls the fault tests make against a server: register simulated cameras, record, read the catalogue. */
final class FleetApi {
    /** A check that may call the API. */
    interface Check {
        boolean ok() throws Exception;
    }

    private final ApiTestClient api;
    private final String token;

    /** Signs in with {@code password}; fails the test unless that works. */
    FleetApi(IntSupplier port, String username, String password) throws IOException, InterruptedException {
        api = new ApiTestClient(port);
        HttpResponse<String> r = api.send("POST", "/api/session", null,
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        token = Json.MAPPER.readTree(r.body()).get("token").textValue();
    }

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return api.send(method, path, token, body);
    }

    /** Registers every camera of {@code fleet} as {@code PREFIX-N}; returns the ids. */
    List<String> addCameras(SimulatedFleet fleet, String prefix) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (SimulatedCamera cam : fleet.cameras()) {
            String id = prefix + "-" + ids.size();
            String body = "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"district\":\"d1\",\"lat\":23.01,"
                    + "\"lon\":113.75,\"bearing\":90,\"fov\":60,\"range\":50,\"rtspUrl\":\"" + cam.rtspMainUrl()
                    + "\",\"username\":\"" + cam.username() + "\",\"password\":\"" + cam.password() + "\"}";
            HttpResponse<String> r = send("POST", "/api/cameras", body);
            assertEquals(201, r.statusCode(), r.body());
            ids.add(id);
        }
        return ids;
    }

    /** Turns continuous recording on. */
    void record(String cameraId) throws IOException, InterruptedException {
        HttpResponse<String> r = send("PUT", "/api/cameras/" + cameraId + "/recording", "{\"mode\":\"continuous\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    /** The catalogue's segments of a camera that start at or after {@code since}. */
    List<JsonNode> segments(String cameraId, Instant since) throws IOException, InterruptedException {
        HttpResponse<String> r = send("GET", "/api/cameras/" + cameraId + "/recordings?from=" + Instant.now().minusSeconds(3600)
                + "&to=" + Instant.now().plusSeconds(60), null);
        assertEquals(200, r.statusCode(), r.body());
        List<JsonNode> rows = new ArrayList<>();
        for (JsonNode row : Json.MAPPER.readTree(r.body()).get("segments")) {
            if (!Instant.parse(row.get("start").asText()).isBefore(since)) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Frames the catalogue holds for a camera in segments that start at or after {@code since}. */
    long frames(String cameraId, Instant since) throws IOException, InterruptedException {
        return segments(cameraId, since).stream().mapToLong(row -> row.get("frames").asLong()).sum();
    }

    /** Polls {@code check} every 200 ms until it holds; fails after {@code seconds}. */
    void await(String what, int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        fail("not within " + seconds + " s: " + what);
    }
}
