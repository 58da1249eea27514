package org.skynet.vms.core.cameraevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.monitor.Await;
import org.skynet.vms.core.server.Json;

/**
 * The whole server (demo mode, H2, port 0) with one simulated camera registered over the API: once its
 * recording mode is {@code events}, its ONVIF motion and tamper events reach the console WebSocket as
 * {@code cameraEvent} messages; a camera in mode {@code off} is not subscribed.
 */
class CameraEventsIT {
    @TempDir
    Path data;

    @Test
    void eventsModeCameraPushesItsMotionToTheConsole() throws Exception {
        try (TestServer server = TestServer.start(data, Map.of("camera-events.refresh-millis", "200"),
                SimConfig.builder(2).idPrefix("evt-").build())) {
            SimulatedFleet fleet = server.fleet();
            VmsApplication app = server.app();
            ApiTestClient api = server.api();
            String technician = api.login("technician");
            for (SimulatedCamera cam : fleet.cameras()) {
                String body = "{\"id\":\"" + cam.id() + "\",\"name\":\"Sim\",\"district\":\"Simtown\",\"lat\":23.01,"
                        + "\"lon\":113.75,\"bearing\":90,\"fov\":60,\"range\":50,\"onvifUrl\":\"" + cam.onvifUrl()
                        + "\",\"username\":\"" + cam.username() + "\",\"password\":\"" + cam.password() + "\"}";
                HttpResponse<String> r = api.send("POST", "/api/cameras", technician, body);
                assertEquals(201, r.statusCode(), r.body());
            }
            SimulatedCamera watched = fleet.cameras().get(0);
            SimulatedCamera ignored = fleet.cameras().get(1);
            HttpResponse<String> mode = api.send("PUT", "/api/cameras/" + watched.id() + "/recording",
                    api.login("admin"), "{\"mode\":\"events\"}");
            assertEquals(200, mode.statusCode(), mode.body());

            List<JsonNode> pushed = new CopyOnWriteArrayList<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + api.login("operator"))
                    .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/api/events"), new Collector(pushed)).join();
            try {
                // the watcher subscribes within a refresh; events fired before that are not the camera's to replay
                assertTrue(Await.until(Duration.ofSeconds(15), () -> {
                    fleet.fireEvent(List.of(watched.id(), ignored.id()), SimEvent.Kind.TAMPER, true);
                    return pushed.stream().anyMatch(m -> m.path("type").asText().equals("cameraEvent"));
                }), "no cameraEvent pushed: " + pushed);
                fleet.fireEvent(List.of(watched.id(), ignored.id()), SimEvent.Kind.MOTION, true);
                assertTrue(Await.until(Duration.ofSeconds(5), () -> pushed.stream()
                        .anyMatch(m -> m.path("kind").asText().equals("motion"))), "no motion pushed: " + pushed);
                JsonNode motion = pushed.stream().filter(m -> m.path("kind").asText().equals("motion")).findFirst()
                        .orElseThrow();
                assertEquals(watched.id(), motion.get("cameraId").asText());
                assertEquals("tns1:VideoSource/MotionAlarm", motion.get("topic").asText());
                assertTrue(motion.get("active").asBoolean());
                assertEquals("vs0", motion.get("source").get("Source").asText());
                assertTrue(pushed.stream().filter(m -> m.path("type").asText().equals("cameraEvent"))
                        .allMatch(m -> m.get("cameraId").asText().equals(watched.id())), "camera in mode off not watched");
            } finally {
                socket.abort();
            }
        }
    }

    private static final class Collector implements WebSocket.Listener {
        private final List<JsonNode> into;
        private final StringBuilder partial = new StringBuilder();

        Collector(List<JsonNode> into) {
            this.into = into;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
            partial.append(text);
            if (last) {
                try {
                    into.add(Json.MAPPER.readTree(partial.toString()));
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
