package org.skynet.vms.core.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;
import org.slf4j.LoggerFactory;

/**
 * The whole demo server with cameras whose passwords are distinctive canaries (created through the API and
 * through a CSV import), every endpoint that shows cameras, imports, audit entries and an onboarding run
 * against a camera that does not exist: no response body or header and no log line (DEBUG for the
 * application, the access log on) may carry a canary, nor the reset login password of a demo user.
 */
class SecretLeakIT {
    private static final String API_PASSWORD = "Canary-Api-7f3Qz";
    private static final String CSV_PASSWORD = "Canary-Csv-9kW2x";
    private static final String BAD_CSV_PASSWORD = "Canary-BadCsv-4mR8";
    private static final String ONBOARD_PASSWORD = "Canary-Onboard-5tY1";
    private static final String LOGIN_PASSWORD = "Canary-Login-2pL6v-long";
    private static final List<String> SECRETS =
            List.of(API_PASSWORD, CSV_PASSWORD, BAD_CSV_PASSWORD, ONBOARD_PASSWORD, LOGIN_PASSWORD);
    private static final String CSV_HEADER = "id,name,district,lat,lon,bearing,fov,range,rtsp_url,onvif_url,username,password,tags";

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> seen = new ArrayList<>();
    private VmsApplication app;

    @Test
    void noPasswordReachesAResponseOrALog() throws Exception {
        LoggerContext logs = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logs);
        captured.start();
        Logger root = logs.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger application = logs.getLogger("org.skynet");
        Logger access = logs.getLogger("access");
        Level applicationLevel = application.getLevel();
        Level accessLevel = access.getLevel();
        root.addAppender(captured);
        application.setLevel(Level.DEBUG);
        access.setLevel(Level.INFO);
        try {
            app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                    "monitor.enabled", "false")), VmsApplication.Mode.DEMO, Clock.systemUTC());
            exercise();
            LoggerFactory.getLogger("org.skynet.vms.leakprobe").debug("probe {}", "debug-capture");
        } finally {
            if (app != null) {
                app.close();
            }
            root.detachAppender(captured);
            application.setLevel(applicationLevel);
            access.setLevel(accessLevel);
            captured.stop();
        }
        List<String> lines = new ArrayList<>();
        for (ILoggingEvent e : captured.list) {
            lines.add(e.getLoggerName() + " " + e.getFormattedMessage() + " " + throwableText(e.getThrowableProxy()));
        }
        assertTrue(lines.size() > 10, "the log was captured: " + lines.size() + " lines");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("access ")), "the access log was captured");
        assertTrue(lines.contains("org.skynet.vms.leakprobe probe debug-capture "), "DEBUG lines were captured");
        for (String secret : SECRETS) {
            for (String s : seen) {
                assertFalse(s.contains(secret), "a response carried " + secret + ": " + s);
            }
            for (String l : lines) {
                assertFalse(l.contains(secret), "a log line carried " + secret + ": " + l);
            }
        }
    }

    private void exercise() throws Exception {
        String admin = login("admin", "admin");
        assertEquals(204, send("POST", "/api/users/technician/password", admin, "application/json",
                "{\"password\":\"" + LOGIN_PASSWORD + "\"}").statusCode());
        String technician = login("technician", LOGIN_PASSWORD);
        assertEquals(401, send("POST", "/api/session", null, "application/json",
                "{\"username\":\"technician\",\"password\":\"" + LOGIN_PASSWORD + "x\"}").statusCode());

        String camera = "{\"id\":\"leak-api\",\"name\":\"Leak Gate\",\"district\":\"LeakTown\",\"lat\":23.01,\"lon\":113.75,"
                + "\"bearing\":90,\"fov\":60,\"range\":50,\"rtspUrl\":\"rtsp://192.0.2.10/s1\",\"tags\":[\"hd\"],"
                + "\"username\":\"admin\",\"password\":\"" + API_PASSWORD + "\"}";
        assertEquals(201, send("POST", "/api/cameras", technician, "application/json", camera).statusCode());
        assertEquals(409, send("POST", "/api/cameras", technician, "application/json", camera).statusCode());
        assertEquals(200, send("PATCH", "/api/cameras/leak-api", technician, "application/json",
                "{\"name\":\"Leak Gate 2\",\"password\":\"" + API_PASSWORD + "\"}").statusCode());

        String good = CSV_HEADER + "\r\nleak-csv,Csv Gate,LeakTown,23,113.7,0,60,50,rtsp://192.0.2.11/1,,admin,"
                + CSV_PASSWORD + ",\r\n";
        assertEquals(200, send("POST", "/api/cameras:import", technician, "text/csv", good).statusCode());
        String bad = CSV_HEADER + "\r\nleak-bad,Bad Gate,LeakTown,99,113.7,0,60,50,rtsp://192.0.2.12/1,,admin,"
                + BAD_CSV_PASSWORD + ",\r\nleak-bad2,\"Bad, too\",LeakTown,23,113.7,0,60,50,rtsp://192.0.2.12/2,,admin,"
                + BAD_CSV_PASSWORD + "," + BAD_CSV_PASSWORD + "\r\n";
        assertEquals(400, send("POST", "/api/cameras:import", technician, "text/csv", bad).statusCode());

        for (String path : List.of("/api/cameras/leak-api", "/api/cameras/leak-csv", "/api/cameras?district=LeakTown",
                "/api/cameras:export?format=csv", "/api/cameras:export?format=geojson", "/api/districts")) {
            assertEquals(200, send("GET", path, technician, null, null).statusCode(), path);
        }

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HttpResponse<String> onboarding = send("POST", "/api/onboarding", technician, "application/json",
                "{\"url\":\"http://127.0.0.1:" + closedPort + "/onvif/device_service\",\"username\":\"admin\",\"password\":\""
                        + ONBOARD_PASSWORD + "\",\"cameraId\":\"leak-api\",\"timeoutSeconds\":5}");
        assertEquals(200, onboarding.statusCode(), onboarding.body());
        assertEquals(200, send("GET", "/api/cameras/leak-api/onboarding", technician, null, null).statusCode());

        assertEquals(200, send("GET", "/api/audit?limit=500", admin, null, null).statusCode());
        assertEquals(200, send("GET", "/api/audit/export", admin, null, null).statusCode());
        assertEquals(200, send("GET", "/api/users", admin, null, null).statusCode());
    }

    private String login(String user, String password) throws Exception {
        HttpResponse<String> r = send("POST", "/api/session", null, "application/json",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode doc = Json.MAPPER.readTree(r.body());
        return doc.get("token").textValue();
    }

    private HttpResponse<String> send(String method, String path, String token, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        seen.add(method + " " + path + " -> " + r.statusCode() + " " + r.headers().map() + " " + r.body());
        return r;
    }

    private static String throwableText(IThrowableProxy t) {
        StringBuilder out = new StringBuilder();
        for (IThrowableProxy p = t; p != null; p = p.getCause()) {
            out.append(p.getClassName()).append(": ").append(p.getMessage()).append(' ');
        }
        return out.toString();
    }
}
