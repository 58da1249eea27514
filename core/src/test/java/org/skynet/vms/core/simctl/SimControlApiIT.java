package org.skynet.vms.core.simctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.skynet.vms.adapters.sim.FaultKind;
import org.skynet.vms.adapters.sim.SimConfig;
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

    private static HttpResponse<String> post(HttpClient http, String base, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/sim/faults")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
