package org.skynet.vms.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.db.ServerDatabase;
import org.skynet.vms.core.server.Json;

/**
 * The monitor end to end: the whole server in demo mode (H2, port 0) watching simulated cameras
 * registered over the API, probed every second. A camera taken down goes OFFLINE, raises an alarm seen
 * on the event WebSocket and in {@code GET /api/alarms}; the ack is recorded; recovery clears it.
 * On the embedded H2 here, on PostgreSQL in {@link MonitorPostgresIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonitorIT {
    private static final int INTERVAL_SECONDS = 1;
    private static final int TIMEOUT_SECONDS = 2;
    private static final int FAILURES = 3;

    @TempDir
    static Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ApiTestClient api = new ApiTestClient(() -> this.app.port());
    private final List<JsonNode> pushed = new CopyOnWriteArrayList<>();
    private SimulatedFleet fleet;
    private VmsApplication app;
    private ServerDatabase db;
    private WebSocket socket;
    private String technician;
    private String operator;

    @BeforeAll
    void start() throws Exception {
        // Fixed ports: a camera healed after DOWN binds its ports again (FreePortBlock).
        int base = FreePortBlock.find(20_000, 28_000, 3, 10);
        fleet = SimulatedFleet.start(SimConfig.builder(3).ports("127.0.0.1", base, base + 10).idPrefix("mon-").build());
        Map<String, String> flags = new java.util.HashMap<>(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.interval-seconds", String.valueOf(INTERVAL_SECONDS), "monitor.timeout-seconds",
                String.valueOf(TIMEOUT_SECONDS), "monitor.registry-poll-seconds", "1",
                "monitor.write-interval-millis", "200"));
        db = database();
        flags.putAll(db.flags());
        app = VmsApplication.start(VmsConfig.ofFlags(flags), VmsApplication.Mode.DEMO, Clock.systemUTC());
        technician = api.login("technician");
        operator = api.login("operator");
        for (SimulatedCamera cam : fleet.cameras()) {
            String body = "{\"id\":\"" + cam.id() + "\",\"name\":\"Sim " + cam.id() + "\",\"district\":\"Simtown\","
                    + "\"lat\":23.01,\"lon\":113.75,\"bearing\":90,\"fov\":60,\"range\":50,"
                    + "\"rtspUrl\":\"" + cam.rtspMainUrl() + "\",\"onvifUrl\":\"" + cam.onvifUrl() + "\","
                    + "\"username\":\"" + cam.username() + "\",\"password\":\"" + cam.password() + "\"}";
            HttpResponse<String> r = api.send("POST", "/api/cameras", technician, body);
            assertEquals(201, r.statusCode(), r.body());
        }
        socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + operator)
                .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/api/events"), new Collector()).join();
    }

    @AfterAll
    void stop() {
        if (socket != null) {
            socket.abort();
        }
        if (app != null) {
            app.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (db != null) {
            db.close();
        }
    }

    /** The database the server runs on: the embedded H2 here. */
    ServerDatabase database() {
        return ServerDatabase.h2();
    }

    @Test
    void cameraDownRaisesAlarmAckedAndClearedOnRecovery() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(0);
        assertTrue(Await.until(Duration.ofSeconds(20), () -> state(cam.id()).equals("ONLINE")), "never ONLINE: " + state(cam.id()));

        Instant down = Instant.now();
        fleet.setFault(cam.id(), Fault.DOWN);
        Duration bound = Duration.ofSeconds((long) INTERVAL_SECONDS * (FAILURES + 1) + TIMEOUT_SECONDS);
        assertTrue(Await.until(bound.plusSeconds(3), () -> state(cam.id()).equals("OFFLINE")), "not OFFLINE: " + state(cam.id()));
        long tookMillis = Duration.between(down, Instant.now()).toMillis();
        System.out.println("MonitorIT: OFFLINE after " + tookMillis + " ms (bound " + bound.toMillis() + " ms)");

        JsonNode alarm = awaitPushed(m -> m.path("type").asText().equals("alarm") && cam.id().equals(m.path("cameraId").asText()));
        assertEquals("OFFLINE", alarm.get("kind").asText());
        assertEquals("MAJOR", alarm.get("severity").asText());
        awaitPushed(m -> m.path("type").asText().equals("state") && m.path("to").asText().equals("OFFLINE")
                && cam.id().equals(m.path("cameraId").asText()) && m.has("latencyMillis") && m.has("at"));
        long id = alarm.get("id").asLong();
        assertTrue(Await.until(Duration.ofSeconds(5), () -> listed("/api/alarms?status=open&district=Simtown", id)));

        HttpResponse<String> ack = api.send("POST", "/api/alarms/" + id + "/ack", operator, "{\"note\":\"crew on the way\"}");
        assertEquals(200, ack.statusCode(), ack.body());
        assertEquals("ACKNOWLEDGED", Json.MAPPER.readTree(ack.body()).get("status").asText());
        assertEquals(409, api.send("POST", "/api/alarms/" + id + "/ack", operator, "{\"note\":\"again\"}").statusCode());
        assertEquals(403, api.send("POST", "/api/alarms/" + id + "/ack", technician, "{}").statusCode());
        awaitPushed(m -> m.path("type").asText().equals("alarm.acknowledged") && m.path("id").asLong() == id
                && m.path("ackedBy").asText().equals("operator"));

        fleet.setFault(cam.id(), Fault.NONE);
        awaitPushed(m -> m.path("type").asText().equals("alarm.cleared") && m.path("id").asLong() == id);
        assertTrue(Await.until(Duration.ofSeconds(5), () -> listed("/api/alarms?status=cleared", id)));
        assertTrue(Await.until(Duration.ofSeconds(5), () -> {
            JsonNode u = get("/api/uptime?cameraId=" + cam.id());
            JsonNode f = u.path("cameras").path(0).path("fraction");
            return f.isNumber() && f.asDouble() > 0 && f.asDouble() < 1;
        }), "uptime of a camera that was down for a while is between 0 and 1");
    }

    @Test
    void maintenanceIsForTechniciansAndMutesTheCamera() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(1);
        assertTrue(Await.until(Duration.ofSeconds(20), () -> state(cam.id()).equals("ONLINE")), state(cam.id()));
        String body = "{\"reason\":\"lens cleaning\",\"until\":\"" + Instant.now().plusSeconds(3600) + "\"}";
        assertEquals(403, api.send("POST", "/api/cameras/" + cam.id() + "/maintenance", operator, body).statusCode());
        HttpResponse<String> r = api.send("POST", "/api/cameras/" + cam.id() + "/maintenance", technician, body);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("MAINTENANCE", Json.MAPPER.readTree(r.body()).get("state").asText());
        fleet.setFault(cam.id(), Fault.DOWN);
        try {
            JsonNode summary = get("/api/monitor/summary?district=Simtown");
            assertEquals(1, summary.path("states").path("MAINTENANCE").asInt(), summary.toString());
            JsonNode list = get("/api/health/cameras?state=maintenance");
            assertEquals(cam.id(), list.path("items").path(0).path("cameraId").asText(), list.toString());
            assertEquals(400, api.send("GET", "/api/health/cameras?state=sleepy", operator, null).statusCode());
        } finally {
            fleet.setFault(cam.id(), Fault.NONE);
        }
        HttpResponse<String> end = api.send("DELETE", "/api/cameras/" + cam.id() + "/maintenance", technician, null);
        assertEquals(200, end.statusCode(), end.body());
        assertEquals("UNKNOWN", Json.MAPPER.readTree(end.body()).get("state").asText());
        assertTrue(Await.until(Duration.ofSeconds(10), () -> state(cam.id()).equals("ONLINE")));
    }

    @Test
    void eventSocketNeedsASession() throws Exception {
        URI events = URI.create("ws://127.0.0.1:" + app.port() + "/api/events");
        CompletionException e = org.junit.jupiter.api.Assertions.assertThrows(CompletionException.class,
                () -> http.newWebSocketBuilder().buildAsync(events, new Collector()).join());
        WebSocketHandshakeException h = (WebSocketHandshakeException) e.getCause();
        assertEquals(401, h.getResponse().statusCode());
        assertEquals(400, api.send("GET", "/api/events", operator, null).statusCode(), "a plain GET is no upgrade");
        WebSocket withCookie = http.newWebSocketBuilder().header("Cookie", "vms_session=" + operator)
                .buildAsync(events, new Collector()).join();
        withCookie.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    private boolean listed(String path, long id) {
        for (JsonNode a : get(path).path("items")) {
            if (a.path("id").asLong() == id) {
                return true;
            }
        }
        return false;
    }

    private JsonNode awaitPushed(Predicate<JsonNode> match) {
        assertTrue(Await.until(Duration.ofSeconds(15), () -> pushed.stream().anyMatch(match)), "not pushed; got " + pushed);
        JsonNode found = pushed.stream().filter(match).findFirst().orElseThrow();
        assertNotNull(found);
        return found;
    }

    private String state(String cameraId) {
        JsonNode h = get("/api/cameras/" + cameraId + "/health");
        return h.path("state").asText("NOT_WATCHED");
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = api.send("GET", path, operator, null);
            return Json.MAPPER.readTree(r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Collects the JSON text messages of the event socket. */
    private final class Collector implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    pushed.add(Json.MAPPER.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }
}
