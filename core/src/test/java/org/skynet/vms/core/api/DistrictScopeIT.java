package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.skynet.vms.core.alarms.Alarm;
import org.skynet.vms.core.alarms.AlarmKind;
import org.skynet.vms.core.alarms.AlarmSeverity;
import org.skynet.vms.core.alarms.AlarmStatus;
import org.skynet.vms.core.alarms.AlarmStore;
import org.skynet.vms.core.events.EventCollector;

/**
 * District scoping over real HTTP on a demo server: a user limited to North gets 404 for every camera, place,
 * alarm and export of South, as for an id that does not exist, and sees only North in lists (paged across
 * several pages); an unscoped user with the same roles sees both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DistrictScopeIT {
    private static final String ROLES = "[\"operator\",\"supervisor\",\"technician\"]";
    private static final Instant T0 = Instant.parse("2026-11-26T06:00:00Z");

    private SecuredServer server;
    private String north;
    private String all;
    private String southExport;

    @BeforeAll
    void start() throws Exception {
        server = SecuredServer.start(Map.of());
        String admin = server.token("admin", "admin");
        north = user(admin, "nora", "[\"North\"]");
        all = user(admin, "una", "[]");
        for (int i = 1; i <= 12; i++) {
            String district = i % 2 == 1 ? "North" : "South";
            String body = "{\"id\":\"cam-" + two(i) + "\",\"name\":\"Camera " + i + "\",\"district\":\"" + district
                    + "\",\"lat\":23.01,\"lon\":" + (113.75 + i * 0.001) + ",\"bearing\":90,\"fov\":60,\"range\":50,"
                    + "\"rtspUrl\":\"rtsp://127.0.0.1:9/s" + i + "\"}";
            assertEquals(201, server.bearer(admin, "POST", "/api/cameras", body).statusCode());
        }
        String places = "{\"type\":\"FeatureCollection\",\"features\":[" + place("pl-n", "North", 0) + ","
                + place("pl-s", "South", 0.01) + "]}";
        assertEquals(200, server.bearer(admin, "POST", "/api/places:import", places).statusCode());
        try (Connection c = server.app().database().connection()) {
            AlarmStore.write(c, List.of(alarm(9001, "cam-01", "North"), alarm(9002, "cam-02", "South")));
        }
        HttpResponse<String> export = server.bearer(all, "POST", "/api/exports",
                "{\"cameraId\":\"cam-02\",\"from\":\"" + T0 + "\",\"to\":\"" + T0.plusSeconds(60) + "\"}");
        assertEquals(202, export.statusCode(), export.body());
        southExport = SecuredServer.json(export).get("id").asText();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    /** Every camera-bound request: {@code {id}} is replaced by a camera id. */
    private static final List<String[]> CAMERA_REQUESTS = List.of(
            new String[] {"GET", "/api/cameras/{id}", null},
            new String[] {"PATCH", "/api/cameras/{id}", "{\"name\":\"renamed\"}"},
            new String[] {"GET", "/api/cameras/{id}/recordings", null},
            new String[] {"GET", "/api/cameras/{id}/recording", null},
            new String[] {"PUT", "/api/cameras/{id}/recording", "{\"mode\":\"off\"}"},
            new String[] {"GET", "/api/cameras/{id}/playback.mp4?from=" + T0 + "&to=" + T0.plusSeconds(60), null},
            new String[] {"GET", "/api/cameras/{id}/thumbnail.jpg?at=" + T0, null},
            new String[] {"GET", "/api/cameras/{id}/live.jpg", null},
            new String[] {"GET", "/api/cameras/{id}/retention", null},
            new String[] {"PUT", "/api/cameras/{id}/retention", "{\"maxAgeDays\":30}"},
            new String[] {"GET", "/api/cameras/{id}/clips", null},
            new String[] {"POST", "/api/cameras/{id}/events", "{\"type\":\"manual\"}"},
            new String[] {"GET", "/api/cameras/{id}/health", null},
            new String[] {"DELETE", "/api/cameras/{id}/maintenance", null},
            new String[] {"GET", "/api/cameras/{id}/onboarding", null},
            new String[] {"POST", "/api/exports", "{\"cameraId\":\"{id}\",\"from\":\"" + T0 + "\",\"to\":\""
                    + T0.plusSeconds(60) + "\"}"});

    @Test
    void cameraOfAnotherDistrictAnswersAsIfAbsent() throws Exception {
        for (String[] r : CAMERA_REQUESTS) {
            String what = r[0] + " " + r[1];
            HttpResponse<String> other = send(north, r, "cam-02");
            HttpResponse<String> absent = send(north, r, "cam-nope");
            assertEquals(404, other.statusCode(), what + ": " + other.body());
            assertEquals(absent.body().replace("cam-nope", "cam-02"), other.body(), what + " differs from an unknown id");
            assertEquals(send(north, r, "cam-03").statusCode(), send(all, r, "cam-04").statusCode(),
                    what + ": own district as for an unscoped user");
        }
    }

    @Test
    void listsShowOnlyOwnDistrictsAcrossPages() throws Exception {
        assertEquals(List.of("cam-01", "cam-03", "cam-05", "cam-07", "cam-09", "cam-11"), walk(north, "/api/cameras?limit=2"));
        assertEquals(12, walk(all, "/api/cameras?limit=5").size());
        assertEquals(List.of(), walk(north, "/api/cameras?district=South&limit=2"));
        assertEquals(List.of("cam-03"), walk(north, "/api/cameras?q=cam-03"));

        JsonNode districts = get(north, "/api/districts").get("items");
        assertEquals(1, districts.size(), districts.toString());
        assertEquals("North", districts.get(0).get("district").asText());

        String csv = server.bearer(north, "GET", "/api/cameras:export?format=csv", null).body();
        assertTrue(csv.contains("cam-01") && !csv.contains("cam-02"), csv);

        assertEquals(List.of("pl-n"), ids(get(north, "/api/places").get("items"), "id"));
        assertEquals(List.of("pl-n", "pl-s"), ids(get(all, "/api/places").get("items"), "id"));
        assertEquals(List.of("pl-n"), ids(get(north, "/api/map/places").get("items"), "id"));
        assertEquals(1, get(north, "/api/coverage").get("placesTotal").asInt());
        assertEquals(2, get(all, "/api/coverage").get("placesTotal").asInt());

        assertEquals(List.of("9001"), ids(get(north, "/api/alarms").get("items"), "id"));
        assertEquals(List.of("9002", "9001"), ids(get(all, "/api/alarms").get("items"), "id"));

        assertFalse(ids(get(north, "/api/exports").get("exports"), "id").contains(southExport));
        assertTrue(ids(get(all, "/api/exports").get("exports"), "id").contains(southExport));
    }

    @Test
    void placesAlarmsAndExportsOfAnotherDistrictAnswerAsIfAbsent() throws Exception {
        for (String path : List.of("/api/places/pl-s", "/api/places/pl-s/coverage", "/api/exports/" + southExport)) {
            assertEquals(404, server.bearer(north, "GET", path, null).statusCode(), path);
            assertEquals(200, server.bearer(all, "GET", path, null).statusCode(), path);
        }
        assertEquals(404, server.bearer(north, "PATCH", "/api/places/pl-s", "{\"name\":\"x\"}").statusCode());
        assertEquals(404, server.bearer(north, "DELETE", "/api/places/pl-s", null).statusCode());
        HttpResponse<String> ack = server.bearer(north, "POST", "/api/alarms/9002/ack", "{}");
        assertEquals(404, ack.statusCode(), ack.body());
        assertEquals(server.bearer(north, "POST", "/api/alarms/9999/ack", "{}").body().replace("9999", "9002"), ack.body());
        assertEquals(409, server.bearer(all, "POST", "/api/alarms/9002/ack", "{}").statusCode(), "stored, cleared");
    }

    @Test
    void scopedTechniciansCannotWriteIntoOtherDistricts() throws Exception {
        String camera = "{\"id\":\"cam-x\",\"name\":\"X\",\"district\":\"South\",\"lat\":23.01,\"lon\":113.75,"
                + "\"bearing\":90,\"fov\":60,\"range\":50,\"rtspUrl\":\"rtsp://127.0.0.1:9/x\"}";
        String csv = "id,name,district,lat,lon,bearing,fov,range,rtsp_url,onvif_url,username,password,tags\n"
                + "cam-y,Y,North,23.01,113.75,90,60,50,rtsp://127.0.0.1:9/y,,,,\n"
                + "cam-z,Z,South,23.01,113.75,90,60,50,rtsp://127.0.0.1:9/z,,,,\n";
        List<HttpResponse<String>> refused = List.of(
                server.bearer(north, "POST", "/api/cameras", camera),
                server.bearer(north, "PATCH", "/api/cameras/cam-03", "{\"district\":\"South\"}"),
                new ApiTestClient(server.app()::port).send("POST", "/api/cameras:import", north, csv, "text/csv"),
                server.bearer(north, "POST", "/api/places:import", "{\"type\":\"FeatureCollection\",\"features\":["
                        + place("pl-x", "South", 0.02) + "]}"),
                server.bearer(north, "PATCH", "/api/places/pl-n", "{\"district\":\"South\"}"));
        for (HttpResponse<String> r : refused) {
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("district", SecuredServer.json(r).at("/error/field").asText(), r.body());
            assertTrue(r.body().contains("outside your districts [North]"), r.body());
        }
        assertTrue(SecuredServer.json(refused.get(2)).at("/error/message").asText().startsWith("line 3: "), refused.get(2).body());
        for (String absent : List.of("/api/cameras/cam-x", "/api/cameras/cam-y", "/api/places/pl-x")) {
            assertEquals(404, server.bearer(all, "GET", absent, null).statusCode(), absent);
        }
        assertEquals("North", get(all, "/api/cameras/cam-03").get("district").asText());
    }

    @Test
    void cityWideReportsAndTheAuditLogAreRefusedToScopedSupervisors() throws Exception {
        HttpResponse<String> report = server.bearer(north, "GET", "/api/coverage/report", null);
        assertEquals(403, report.statusCode());
        assertTrue(report.body().contains("[North]"), report.body());
        assertEquals(200, server.bearer(all, "GET", "/api/coverage/report", null).statusCode());
        assertEquals(400, server.bearer(north, "GET", "/api/coverage/trend?district=South", null).statusCode());
        assertEquals(200, server.bearer(north, "GET", "/api/coverage/trend?district=North", null).statusCode());
        for (String audit : List.of("/api/audit", "/api/audit/export")) {
            assertEquals(403, server.bearer(north, "GET", audit, null).statusCode(), audit);
            assertEquals(200, server.bearer(all, "GET", audit, null).statusCode(), audit);
        }
    }

    @Test
    void eventSocketsCarryOnlyTheirDistricts() throws Exception {
        try (EventCollector scoped = EventCollector.connect(server.app().port(), north);
                EventCollector unscoped = EventCollector.connect(server.app().port(), all)) {
            server.app().alarmService().storageProblem("/srv/it-root", Optional.of("disk full"), Instant.now());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (unscoped.messages().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals("storage", unscoped.messages().get(0).get("district").asText());
            assertEquals(List.of(), scoped.messages(), "a storage alarm belongs to no district of the scoped user");
        } finally {
            server.app().alarmService().storageProblem("/srv/it-root", Optional.empty(), Instant.now());
        }
    }

    @Test
    void liveViewOfAnotherDistrictAnswersAsIfAbsent() {
        assertEquals(404, liveHandshake(north, "cam-02"));
        assertEquals(404, liveHandshake(north, "cam-nope"));
        assertEquals(101, liveHandshake(north, "cam-03"));
        assertEquals(101, liveHandshake(all, "cam-02"));
    }

    /** The status of a live-view WebSocket handshake: 101 when it upgraded, else the HTTP error. */
    private int liveHandshake(String token, String cameraId) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create("ws://127.0.0.1:" + server.app().port() + "/api/cameras/" + cameraId
                            + "/live"), new WebSocket.Listener() { })
                    .join().abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private HttpResponse<String> send(String token, String[] r, String cameraId) throws Exception {
        return server.bearer(token, r[0], r[1].replace("{id}", cameraId), r[2] == null ? null : r[2].replace("{id}", cameraId));
    }

    private JsonNode get(String token, String path) throws Exception {
        HttpResponse<String> r = server.bearer(token, "GET", path, null);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return SecuredServer.json(r);
    }

    /** All ids of a keyset-paged camera list, following nextCursor. */
    private List<String> walk(String token, String first) throws Exception {
        List<String> out = new ArrayList<>();
        String path = first;
        while (true) {
            JsonNode page = get(token, path);
            out.addAll(ids(page.get("items"), "id"));
            JsonNode next = page.get("nextCursor");
            if (next == null || next.isNull()) {
                return out;
            }
            path = first + "&cursor=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> out = new ArrayList<>();
        items.forEach(i -> out.add(i.get(field).asText()));
        return out;
    }

    private String user(String admin, String name, String districts) throws Exception {
        String password = name + "-long-secret-1";
        HttpResponse<String> r = server.bearer(admin, "POST", "/api/users", "{\"username\":\"" + name + "\",\"password\":\""
                + password + "\",\"roles\":" + ROLES + ",\"districts\":" + districts + "}");
        assertEquals(201, r.statusCode(), r.body());
        return server.token(name, password);
    }

    private static Alarm alarm(long id, String cameraId, String district) {
        return new Alarm(id, AlarmKind.OFFLINE, AlarmSeverity.MAJOR, AlarmStatus.CLEARED, cameraId, district,
                "camera " + cameraId + " OFFLINE", T0, T0.plusSeconds(30), "back online", null, null, null, null, List.of());
    }

    private static String place(String id, String district, double offset) {
        double lon = 113.75 + offset;
        double d = 0.0002;
        return "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id + "\",\"name\":\"Place " + id + "\",\"district\":\""
                + district + "\",\"category\":\"school\",\"requiredCoverage\":0.5},\"geometry\":{\"type\":\"Polygon\","
                + "\"coordinates\":[[[" + lon + ",23.02],[" + (lon + d) + ",23.02],[" + (lon + d) + ",23.0202],["
                + lon + ",23.0202],[" + lon + ",23.02]]]}}";
    }

    private static String two(int i) {
        return i < 10 ? "0" + i : String.valueOf(i);
    }
}
