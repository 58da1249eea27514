package org.skynet.vms.core.simctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.sim.FaultKind;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimEvent;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.server.ApiRouter;
import org.skynet.vms.core.server.HttpSettings;
import org.skynet.vms.core.server.Json;
import org.skynet.vms.core.server.VmsServer;

/** Switching faults of a simulated fleet through its control endpoint, over loopback. */
class SimControlApiIT {
    @Test
    void takesACameraDownAndUpAgain() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(3).build())) {
            ApiRouter router = new ApiRouter(req -> Optional.empty());
            new SimControlApi(fleet).register(router);
            try (VmsServer server = VmsServer.start(HttpSettings.defaults("127.0.0.1", 0), router)) {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + server.port();
                HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sim/cameras")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(3, Json.MAPPER.readTree(list.body()).get("items").size());

                SimulatedCamera cam = fleet.cameras().get(1);
                HttpResponse<String> down = post(http, base, "{\"cameras\":[\"" + cam.id() + "\"],\"fault\":\"down\"}");
                assertEquals(200, down.statusCode(), down.body());
                assertEquals(FaultKind.DOWN, fleet.camera(cam.id()).fault().kind());
                assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", cam.rtspPort()).close());

                assertEquals(200, post(http, base, "{\"cameras\":\"all\",\"fault\":\"none\"}").statusCode());
                new Socket("127.0.0.1", cam.rtspPort()).close();

                HttpResponse<String> bad = post(http, base, "{\"cameras\":[],\"fault\":\"down\"}");
                assertEquals(400, bad.statusCode());
                assertEquals("cameras", Json.MAPPER.readTree(bad.body()).get("error").get("field").asText());
            }
        }
    }

    @Test
    void firesMotionAndTamperOnOneCamera() throws Exception {
        try (SimulatedFleet fleet = SimulatedFleet.start(SimConfig.builder(2).build())) {
            ApiRouter router = new ApiRouter(req -> Optional.empty());
            new SimControlApi(fleet).register(router);
            try (VmsServer server = VmsServer.start(HttpSettings.defaults("127.0.0.1", 0), router)) {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + server.port();
                SimulatedCamera cam = fleet.cameras().get(1);
                String events = base + "/api/sim/cameras/" + cam.id() + "/events";
                HttpResponse<String> motion = postTo(http, events, "{\"kind\":\"motion\",\"active\":true}");
                assertEquals(200, motion.statusCode(), motion.body());
                assertEquals("motion", Json.MAPPER.readTree(motion.body()).get("kind").asText());
                assertEquals(200, postTo(http, events, "{\"kind\":\"TAMPER\"}").statusCode());
                assertEquals(List.of(SimEvent.Kind.MOTION, SimEvent.Kind.TAMPER),
                        cam.events().read(0, 10).events().stream().map(SimEvent::kind).toList());
                assertEquals(0, fleet.cameras().get(0).events().next(), "only the named camera");

                HttpResponse<String> badKind = postTo(http, events, "{\"kind\":\"smoke\"}");
                assertEquals(400, badKind.statusCode());
                assertEquals("kind", Json.MAPPER.readTree(badKind.body()).get("error").get("field").asText());
                HttpResponse<String> badActive = postTo(http, events, "{\"kind\":\"motion\",\"active\":\"yes\"}");
                assertEquals("active", Json.MAPPER.readTree(badActive.body()).get("error").get("field").asText());
                assertEquals(404, postTo(http, base + "/api/sim/cameras/nope/events", "{\"kind\":\"motion\"}")
                        .statusCode());
            }
        }
    }

    private static HttpResponse<String> post(HttpClient http, String base, String body) throws Exception {
        return postTo(http, base + "/api/sim/faults", body);
    }

    private static HttpResponse<String> postTo(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
