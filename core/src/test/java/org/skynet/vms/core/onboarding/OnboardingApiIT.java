package org.skynet.vms.core.onboarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;

/**
 * The onboarding and discovery API over real HTTP, the server in demo mode on H2 and a simulated camera
 * on loopback: technicians run checks (waiting and as a job), operators get 403, the report is kept
 * per camera, runs are audited, no response carries the camera password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OnboardingApiIT {
    private static final String PROBE_MATCHES = """
            <?xml version="1.0" encoding="UTF-8"?>
            <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
            xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" \
            xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery">
              <s:Header><a:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</a:Action></s:Header>
              <s:Body><d:ProbeMatches><d:ProbeMatch>
                <a:EndpointReference><a:Address>urn:uuid:0000aaaa-0000-4000-8000-000000000001</a:Address></a:EndpointReference>
                <d:Types>dn:NetworkVideoTransmitter</d:Types>
                <d:Scopes>onvif://www.onvif.org/name/North%20Gate onvif://www.onvif.org/hardware/SIM-1080</d:Scopes>
                <d:XAddrs>http://192.0.2.30/onvif/device_service</d:XAddrs>
                <d:MetadataVersion>1</d:MetadataVersion>
              </d:ProbeMatch></d:ProbeMatches></s:Body>
            </s:Envelope>
            """;

    /** Never counted down: paces the polling loop like the console's poll interval. */
    private static final CountDownLatch POLL_INTERVAL = new CountDownLatch(1);

    @TempDir
    static Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> bodies = new ArrayList<>();
    private VmsApplication app;
    private SimulatedFleet fleet;
    private DatagramSocket responder;
    private String technician;
    private String operator;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1")),
                VmsApplication.Mode.DEMO, Clock.systemUTC());
        fleet = SimulatedFleet.start(SimConfig.builder(1).build());
        technician = login("technician");
        operator = login("operator");
        admin = login("admin");
        responder = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::answerProbes, "ws-discovery-responder");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    void stop() {
        responder.close();
        if (fleet != null) {
            fleet.close();
        }
        if (app != null) {
            app.close();
        }
        for (String b : bodies) {
            assertFalse(b.contains("pass-000001"), "a response carried the camera password: " + b);
        }
    }

    @Test
    void technicianRunsACheckAndTheReportIsKept() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(0);
        HttpResponse<String> r = send("POST", "/api/onboarding", technician, body(cam, "it-onb-1"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = Json.MAPPER.readTree(r.body());
        assertEquals("PASS", doc.get("verdict").textValue(), r.body());
        assertEquals(10, doc.get("checks").size());

        HttpResponse<String> stored = send("GET", "/api/cameras/it-onb-1/onboarding", technician, null);
        assertEquals(200, stored.statusCode(), stored.body());
        JsonNode s = Json.MAPPER.readTree(stored.body());
        assertEquals("PASS", s.get("verdict").textValue());
        assertEquals("technician", s.get("actor").textValue());
        assertEquals(1920, s.get("report").get("stream").get("width").intValue());
        assertEquals(404, send("GET", "/api/cameras/nobody/onboarding", technician, null).statusCode());

        HttpResponse<String> audit = send("GET", "/api/audit", admin, null);
        assertEquals(200, audit.statusCode(), audit.body());
        assertTrue(audit.body().contains("onboarding.run") && audit.body().contains("it-onb-1"), audit.body());
    }

    @Test
    void asyncJobShowsProgressUntilDone() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(0);
        HttpResponse<String> started = send("POST", "/api/onboarding?async=true", technician, body(cam, null));
        assertEquals(202, started.statusCode(), started.body());
        String id = Json.MAPPER.readTree(started.body()).get("id").textValue();
        assertEquals("/api/onboarding/" + id, started.headers().firstValue("Location").orElseThrow());
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        JsonNode job;
        int progressSeen = 0;
        do {
            HttpResponse<String> polled = send("GET", "/api/onboarding/" + id, technician, null);
            assertEquals(200, polled.statusCode(), polled.body());
            job = Json.MAPPER.readTree(polled.body());
            if (!job.get("done").booleanValue()) {
                progressSeen = Math.max(progressSeen, job.get("checks").size());
                assertTrue(job.get("report").isNull());
            }
            assertTrue(System.nanoTime() < deadline, "job did not finish: " + polled.body());
            POLL_INTERVAL.await(100, TimeUnit.MILLISECONDS);
        } while (!job.get("done").booleanValue());
        assertEquals("PASS", job.get("report").get("verdict").textValue());
        assertEquals(10, job.get("checks").size());
        assertTrue(progressSeen > 0, "progress was visible before the end");
        assertEquals(404, send("GET", "/api/onboarding/no-such-job", technician, null).statusCode());
    }

    @Test
    void operatorsMayNotOnboardAndBadInputIsNamed() throws Exception {
        SimulatedCamera cam = fleet.cameras().get(0);
        assertEquals(403, send("POST", "/api/onboarding", operator, body(cam, null)).statusCode());
        assertEquals(403, send("POST", "/api/discovery", operator, "{}").statusCode());
        assertEquals(401, send("POST", "/api/onboarding", null, body(cam, null)).statusCode());
        assertField(send("POST", "/api/onboarding", technician, "{\"url\":\"ftp://127.0.0.1/\"}"), "url");
        assertField(send("POST", "/api/onboarding", technician, "{\"url\":\"http://127.0.0.1/\",\"hd\":\"big\"}"), "hd");
        assertField(send("POST", "/api/onboarding", technician, "{\"url\":\"http://127.0.0.1/\",\"cameraId\":\"a b\"}"),
                "cameraId");
        assertField(send("POST", "/api/onboarding", technician, "{\"url\":\"http://127.0.0.1/\",\"colour\":1}"), "colour");
    }

    @Test
    void discoveryProbesOneAddress() throws Exception {
        HttpResponse<String> r = send("POST", "/api/discovery", technician,
                "{\"timeoutMillis\":500,\"address\":\"127.0.0.1:" + responder.getLocalPort() + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode items = Json.MAPPER.readTree(r.body()).get("items");
        assertEquals(1, items.size(), r.body());
        assertEquals("North Gate", items.get(0).get("name").textValue());
        assertEquals("http://192.0.2.30/onvif/device_service", items.get(0).get("onvifUrl").textValue());
        assertField(send("POST", "/api/discovery", technician, "{\"timeoutMillis\":5}"), "timeoutMillis");
        assertField(send("POST", "/api/discovery", technician, "{\"address\":\"camera.example\"}"), "address");
    }

    private void answerProbes() {
        byte[] buf = new byte[65536];
        while (!responder.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                responder.receive(p);
                byte[] answer = PROBE_MATCHES.getBytes(StandardCharsets.UTF_8);
                responder.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
            } catch (SocketException e) {
                return;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String body(SimulatedCamera cam, String cameraId) {
        return "{\"url\":\"" + cam.onvifUrl() + "\",\"username\":\"" + cam.username() + "\",\"password\":\""
                + cam.password() + "\"" + (cameraId == null ? "" : ",\"cameraId\":\"" + cameraId + "\"")
                + ",\"timeoutSeconds\":20}";
    }

    private void assertField(HttpResponse<String> r, String field) throws IOException {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, Json.MAPPER.readTree(r.body()).get("error").get("field").textValue(), r.body());
    }

    private String login(String user) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/api/session", null, "{\"username\":\"" + user + "\",\"password\":\"" + user + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("token").textValue();
    }

    private HttpResponse<String> send(String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        synchronized (bodies) {
            bodies.add(r.body());
        }
        return r;
    }
}
