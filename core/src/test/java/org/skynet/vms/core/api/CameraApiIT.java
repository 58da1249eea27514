package org.skynet.vms.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;

/**
 * The camera API over real HTTP on loopback, the whole server in demo mode on the embedded H2:
 * CRUD, errors, import (good and bad), export round trip, and that no response carries a password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CameraApiIT {
    private static final String SECRET = "Pa55-never-shown";
    private static final String HEADER = "id,name,district,lat,lon,bearing,fov,range,rtsp_url,onvif_url,username,password,tags";

    @TempDir
    static Path data;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> bodies = new ArrayList<>();
    private VmsApplication app;
    private String technician;
    private String operator;

    @BeforeAll
    void start() throws Exception {
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1")),
                VmsApplication.Mode.DEMO, Clock.systemUTC());
        technician = login("technician");
        operator = login("operator");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        for (String b : bodies) {
            assertFalse(b.contains(SECRET), "a response carried the password: " + b);
        }
    }

    @Test
    void createReadUpdateDelete() throws Exception {
        String body = "{\"id\":\"it-crud\",\"name\":\"North Gate\",\"district\":\"Nancheng\",\"lat\":23.01,\"lon\":113.75,"
                + "\"bearing\":90,\"fov\":60,\"range\":50,\"rtspUrl\":\"rtsp://192.0.2.10/s1\",\"tags\":[\"hd\"],"
                + "\"username\":\"admin\",\"password\":\"" + SECRET + "\"}";
        HttpResponse<String> created = send("POST", "/api/cameras", technician, "application/json", body);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode cam = Json.MAPPER.readTree(created.body());
        assertEquals(List.of("id", "name", "district", "lat", "lon", "bearing", "fov", "range", "rtspUrl", "onvifUrl",
                "tags", "enabled", "hasCredentials", "createdAt", "updatedAt"), fieldNames(cam));
        assertTrue(cam.get("hasCredentials").booleanValue());
        assertEquals("/api/cameras/it-crud", created.headers().firstValue("Location").orElseThrow());

        assertEquals(409, send("POST", "/api/cameras", technician, "application/json", body).statusCode());
        assertEquals(403, send("POST", "/api/cameras", operator, "application/json", body.replace("it-crud", "it-x")).statusCode());

        HttpResponse<String> got = send("GET", "/api/cameras/it-crud", operator, null, null);
        assertEquals(200, got.statusCode());
        assertEquals("North Gate", Json.MAPPER.readTree(got.body()).get("name").textValue());

        HttpResponse<String> patched = send("PATCH", "/api/cameras/it-crud", technician, "application/json",
                "{\"name\":\"South Gate\",\"enabled\":false}");
        assertEquals(200, patched.statusCode(), patched.body());
        JsonNode p = Json.MAPPER.readTree(patched.body());
        assertEquals("South Gate", p.get("name").textValue());
        assertFalse(p.get("enabled").booleanValue());
        assertEquals(23.01, p.get("lat").doubleValue());
        assertTrue(p.get("hasCredentials").booleanValue());
        assertTrue(app.auditLog() != null);

        assertError(send("PATCH", "/api/cameras/it-crud", technician, "application/json", "{\"colour\":\"red\"}"), 400, "colour");
        assertError(send("PATCH", "/api/cameras/it-crud", technician, "application/json", "{\"lat\":\"north\"}"), 400, "lat");
        assertEquals(204, send("DELETE", "/api/cameras/it-crud", technician, null, null).statusCode());
        assertError(send("GET", "/api/cameras/it-crud", technician, null, null), 404, null);

        HttpResponse<String> audit = send("GET", "/api/audit?target=it-crud&limit=10", login("admin"), null, null);
        assertEquals(200, audit.statusCode(), audit.body());
        List<String> actions = new ArrayList<>();
        Json.MAPPER.readTree(audit.body()).get("items").forEach(e -> {
            assertEquals("technician", e.get("actor").textValue());
            actions.add(e.get("action").textValue());
        });
        assertEquals(List.of("camera.delete", "camera.update", "camera.create"), actions);
        assertError(send("DELETE", "/api/cameras/it-crud", technician, null, null), 404, null);
    }

    @Test
    void badFieldsAreNamed() throws Exception {
        String base = "{\"id\":\"it-bad\",\"name\":\"n\",\"district\":\"d\",\"lat\":23,\"lon\":113,\"bearing\":0,\"fov\":60,"
                + "\"range\":50,\"rtspUrl\":\"rtsp://192.0.2.1/\"";
        assertError(send("POST", "/api/cameras", technician, "application/json", base.replace("\"lat\":23", "\"lat\":-91") + "}"), 400, "lat");
        assertError(send("POST", "/api/cameras", technician, "application/json", base.replace("\"range\":50", "\"range\":5001") + "}"), 400, "range");
        HttpResponse<String> creds = send("POST", "/api/cameras", technician, "application/json",
                base.replace("rtsp://192.0.2.1/", "rtsp://admin:" + SECRET + "@192.0.2.1/") + "}");
        assertError(creds, 400, "rtspUrl");
        assertError(send("POST", "/api/cameras", technician, "application/json", base.replace("it-bad", "bad id!") + "}"), 400, "id");
        assertError(send("POST", "/api/cameras", technician, "application/json", base + ",\"createdAt\":\"x\"}"), 400, "createdAt");
        assertError(send("GET", "/api/cameras?limit=501", technician, null, null), 400, "limit");
        assertError(send("GET", "/api/cameras?cursor=garbage", technician, null, null), 400, "cursor");
    }

    @Test
    void importListsEveryBadLineAndStoresNothing() throws Exception {
        String csv = HEADER + "\r\n"
                + "it-imp-1,ok,ImportTown,23,113.7,0,60,50,rtsp://192.0.2.1/1,,,,\r\n"
                + "it-imp-2,bad,ImportTown,99,113.7,0,60,50,rtsp://192.0.2.1/2,,,,\r\n"
                + "it-imp-3,\"bad, too\",ImportTown,23,113.7,0,60,50,,,,," + "\r\n"
                + "it-imp-1,dup,ImportTown,23,113.7,0,60,50,rtsp://192.0.2.1/1,,,,\r\n";
        HttpResponse<String> r = send("POST", "/api/cameras:import", technician, "text/csv", csv);
        assertEquals(400, r.statusCode(), r.body());
        JsonNode error = Json.MAPPER.readTree(r.body()).get("error");
        assertEquals("INVALID_ARGUMENT", error.get("code").textValue());
        assertEquals("3 problems in import", error.get("message").textValue());
        assertTrue(error.get("field").isNull());
        List<String> where = new ArrayList<>();
        error.get("problems").forEach(p -> where.add(p.get("line").intValue() + ":" + p.get("column").textValue()));
        assertEquals(List.of("3:lat", "4:rtsp_url", "5:id"), where);
        assertEquals(0, districtCount("ImportTown"));
        assertEquals(415, send("POST", "/api/cameras:import", technician, "text/plain", csv).statusCode());
    }

    @Test
    void importThenExportRoundTripsWithoutCredentials() throws Exception {
        StringBuilder csv = new StringBuilder(HEADER + "\n");
        for (int i = 0; i < 120; i++) {
            csv.append("it-rt-").append(i).append(",\"Road ").append(i).append(", east\",RoundTrip,")
                    .append(22.95 + i * 0.0001).append(",113.8,").append(i % 360).append(",70,80,rtsp://192.0.2.2/").append(i)
                    .append(",,admin,").append(SECRET).append(",street;hd\n");
        }
        HttpResponse<String> r = send("POST", "/api/cameras:import", technician, "text/csv; charset=utf-8", csv.toString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(120, Json.MAPPER.readTree(r.body()).get("imported").intValue());
        assertEquals(120, districtCount("RoundTrip"));

        List<JsonNode> before = listAll("district=RoundTrip");
        assertEquals(120, before.size());
        assertTrue(before.get(0).get("hasCredentials").booleanValue());

        HttpResponse<String> csvExport = send("GET", "/api/cameras:export?format=csv&district=RoundTrip", technician, null, null);
        assertEquals(200, csvExport.statusCode());
        assertTrue(csvExport.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        HttpResponse<String> geoExport = send("GET", "/api/cameras:export?format=geojson&district=RoundTrip", technician, null, null);
        assertEquals(200, geoExport.statusCode());
        assertError(send("GET", "/api/cameras:export", operator, null, null), 403, null);
        assertFalse(csvExport.body().contains("admin"), "exports carry no usernames either");
        assertFalse(geoExport.body().contains("admin"), "exports carry no usernames either");

        for (HttpResponse<String> export : List.of(csvExport, geoExport)) {
            deleteAll(before);
            assertEquals(0, districtCount("RoundTrip"));
            String type = export == csvExport ? "text/csv" : "application/geo+json";
            String file = export.body();
            HttpResponse<String> again = send("POST", "/api/cameras:import", technician, type, file);
            assertEquals(200, again.statusCode(), again.body());
            List<JsonNode> after = listAll("district=RoundTrip");
            assertEquals(strip(before), strip(after));
        }
    }

    @Test
    void listFiltersAndPages() throws Exception {
        for (int i = 0; i < 7; i++) {
            String body = "{\"id\":\"it-pg-" + i + "\",\"name\":\"" + (i % 2 == 0 ? "Hongfu" : "Xihu") + " " + i
                    + "\",\"district\":\"PageTown\",\"lat\":23,\"lon\":113.7,\"bearing\":0,\"fov\":60,\"range\":50,"
                    + "\"onvifUrl\":\"http://192.0.2.3/onvif/device_service\",\"tags\":[\"" + (i < 3 ? "ptz" : "fixed") + "\"]}";
            assertEquals(201, send("POST", "/api/cameras", technician, "application/json", body).statusCode());
        }
        assertEquals(4, listAll("district=PageTown&q=hongfu").size());
        assertEquals(3, listAll("district=PageTown&tag=ptz").size());
        assertEquals(2, listAll("district=PageTown&tag=ptz&q=HONG").size());
        HttpResponse<String> page = send("GET", "/api/cameras?district=PageTown&limit=2", operator, null, null);
        String cursor = Json.MAPPER.readTree(page.body()).get("nextCursor").textValue();
        assertError(send("GET", "/api/cameras?district=Other&limit=2&cursor=" + cursor, operator, null, null), 400, "cursor");
        JsonNode districts = Json.MAPPER.readTree(send("GET", "/api/districts", operator, null, null).body()).get("items");
        boolean found = false;
        for (JsonNode d : districts) {
            found |= d.get("district").textValue().equals("PageTown") && d.get("cameras").intValue() == 7;
        }
        assertTrue(found, districts.toString());
    }

    private List<JsonNode> listAll(String query) throws IOException, InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        String cursor = null;
        do {
            String url = "/api/cameras?" + query + "&limit=3" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpResponse<String> r = send("GET", url, operator, null, null);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode page = Json.MAPPER.readTree(r.body());
            page.get("items").forEach(out::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").textValue();
        } while (cursor != null);
        return out;
    }

    private void deleteAll(List<JsonNode> cameras) throws IOException, InterruptedException {
        for (JsonNode c : cameras) {
            assertEquals(204, send("DELETE", "/api/cameras/" + c.get("id").textValue(), technician, null, null).statusCode());
        }
    }

    private int districtCount(String district) throws IOException, InterruptedException {
        return listAll("district=" + district).size();
    }

    /** A camera without its timestamps and credential flag (exports carry no credentials). */
    private static List<JsonNode> strip(List<JsonNode> cameras) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : cameras) {
            com.fasterxml.jackson.databind.node.ObjectNode o = c.deepCopy();
            o.remove(List.of("createdAt", "updatedAt", "hasCredentials"));
            out.add(o);
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void assertError(HttpResponse<String> r, int status, String field) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode error = Json.MAPPER.readTree(r.body()).get("error");
        if (field != null) {
            assertEquals(field, error.get("field").textValue(), r.body());
        } else if (status != 403) {
            assertNull(error.get("field").textValue());
        }
    }

    private String login(String user) throws IOException, InterruptedException {
        HttpResponse<String> r = send("POST", "/api/session", null, "application/json",
                "{\"username\":\"" + user + "\",\"password\":\"" + user + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body()).get("token").textValue();
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        synchronized (bodies) {
            bodies.add(r.body());
        }
        return r;
    }
}
