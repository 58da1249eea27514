package org.skynet.vms.core.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.events.EventCollector;
import org.skynet.vms.core.monitor.Await;
import org.skynet.vms.core.server.Json;

/**
 * The map's API and the technician's cone save path over real HTTP and the event socket, the whole server in
 * demo mode on H2 with a controllable prober. The periodic camera refresh of coverage is set to an hour, so
 * every coverage change seen here came through the API path ({@link CoverageFeed}) at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MapApiIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final double LAT = 23.0201;
    private static final double LON = 113.7501;
    /** The outline test's district, 2 km east, out of reach of the other test's camera. */
    private static final double LON_OUTLINE = 113.7701;
    private static final double METRES_PER_DEGREE = 111_320;

    @TempDir
    static Path data;

    private TestServer server;
    private ApiTestClient api;
    private Set<String> down;
    private VmsApplication app;
    private String technician;
    private String operator;
    private EventCollector events;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, TestServer.fastMonitorFlags(Map.of("coverage.camera-refresh-millis", "3600000")),
                null);
        api = server.api();
        app = server.app();
        down = server.startProberWithCamerasDown();
        technician = server.login("technician");
        operator = server.login("operator");
        events = EventCollector.connect(app.port(), operator);
    }

    @AfterAll
    void stop() {
        if (events != null) {
            events.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void technicianTurnsAConeAndCoverageFollowsAtOnceOperatorMayNot() throws Exception {
        String places = "{\"type\":\"FeatureCollection\",\"features\":[" + square("m-north", 50) + ","
                + square("m-south", -50) + "]}";
        assertEquals(200, api.send("POST", "/api/places:import", technician, places).statusCode());
        HttpResponse<String> created = api.send("POST", "/api/cameras", technician, "{\"id\":\"map-cam\",\"name\":\"Map cam\","
                + "\"district\":\"east\",\"lat\":" + LAT + ",\"lon\":" + LON + ",\"bearing\":0,\"fov\":90,\"range\":100,"
                + "\"rtspUrl\":\"rtsp://127.0.0.1:9/s1\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(covered("m-north", "designed"), "the camera looks north");
        assertFalse(covered("m-south", "designed"));
        assertTrue(Await.until(WAIT, () -> covered("m-north", "live")), "ONLINE: live counts it too");

        HttpResponse<String> refused = api.send("PATCH", "/api/cameras/map-cam", operator, "{\"bearing\":180}");
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(0.0, get("/api/cameras/map-cam").get("bearing").doubleValue());
        assertTrue(covered("m-north", "designed"), "a refused change changes nothing");

        HttpResponse<String> turned = api.send("PATCH", "/api/cameras/map-cam", technician,
                "{\"lat\":" + LAT + ",\"lon\":" + LON + ",\"bearing\":180,\"fov\":90,\"range\":100}");
        assertEquals(200, turned.statusCode(), turned.body());
        // No waiting: the API path updated both engines before answering.
        assertTrue(covered("m-south", "designed"));
        assertFalse(covered("m-north", "designed"));
        assertTrue(covered("m-south", "live"));
        assertTrue(Await.until(WAIT, () -> coverageMessage("camera", "map-cam") != null), "consoles are told");
        assertEquals(List.of("live", "designed"), texts(coverageMessage("camera", "map-cam").get("modes")));

        JsonNode mapPlaces = get("/api/map/places?mode=designed&district=east");
        assertEquals("designed", mapPlaces.get("mode").textValue());
        JsonNode south = item(mapPlaces, "m-south");
        assertTrue(south.get("covered").booleanValue(), south.toString());
        assertEquals(List.of("map-cam"), texts(south.get("cameras")));
        assertEquals("Polygon", south.get("geometry").get("type").textValue());
        assertEquals(0.95, south.get("required").doubleValue());
        assertEquals(0, get("/api/map/places?district=west").get("items").size());

        down.add("map-cam");
        assertTrue(Await.until(WAIT, () -> offlineThenCoverage("map-cam")),
                "the OFFLINE state message, then a coverage message for the camera");
        // The coverage message follows the engine update: reading right after it sees the camera gone.
        assertFalse(covered("m-south", "live"));

        assertEquals(204, api.send("DELETE", "/api/cameras/map-cam", technician, null).statusCode());
        assertFalse(covered("m-south", "designed"), "a deleted camera counts no more, at once");
    }

    @Test
    void settingsAndDistrictOutlines() throws Exception {
        JsonNode settings = get("/api/map/settings");
        assertTrue(settings.get("tileUrl").isNull(), "no tiles by default: works without internet");
        assertEquals(19, settings.get("maxZoom").intValue());
        assertEquals("", settings.get("tileAttribution").textValue());

        String places = "{\"type\":\"FeatureCollection\",\"features\":[" + square("o-1", 300, LON_OUTLINE, "outline-town") + "]}";
        int before = events.messages().size();
        assertEquals(200, api.send("POST", "/api/places:import", technician, places).statusCode());
        assertTrue(Await.until(WAIT, () -> events.messages().stream().skip(before).anyMatch(m ->
                "coverage".equals(m.path("type").textValue()) && "places".equals(m.path("cause").textValue()))),
                "consoles are told that places changed");
        assertEquals(201, api.send("POST", "/api/cameras", technician, "{\"id\":\"outline-cam\",\"name\":\"O\","
                + "\"district\":\"outline-town\",\"lat\":" + LAT + ",\"lon\":" + LON_OUTLINE + ",\"bearing\":0,\"fov\":60,"
                + "\"range\":80,\"rtspUrl\":\"rtsp://127.0.0.1:9/s1\"}").statusCode());
        JsonNode outline = null;
        for (JsonNode f : get("/api/map/districts").get("features")) {
            if (f.get("properties").get("district").textValue().equals("outline-town")) {
                outline = f;
            }
        }
        assertTrue(outline != null, "a district with cameras and places has an outline");
        assertEquals(1, outline.get("properties").get("cameras").intValue());
        assertEquals(1, outline.get("properties").get("places").intValue());
        JsonNode ring = outline.get("geometry").get("coordinates").get(0);
        Coordinate[] cs = new Coordinate[ring.size()];
        for (int i = 0; i < ring.size(); i++) {
            cs[i] = new Coordinate(ring.get(i).get(0).doubleValue(), ring.get(i).get(1).doubleValue());
        }
        GeometryFactory gf = new GeometryFactory();
        LinearRing shell = gf.createLinearRing(cs);
        var polygon = gf.createPolygon(shell);
        assertTrue(polygon.contains(gf.createPoint(new Coordinate(LON_OUTLINE, LAT + 300 / METRES_PER_DEGREE))), "holds the place");
        assertTrue(polygon.contains(gf.createPoint(new Coordinate(LON_OUTLINE, LAT + 79 / METRES_PER_DEGREE))),
                "holds the camera's view");
        assertEquals(401, api.send("GET", "/api/map/districts", null, null).statusCode());
    }

    private JsonNode coverageMessage(String cause, String cameraId) {
        return events.messages().stream().filter(m -> "coverage".equals(m.path("type").textValue())
                && cause.equals(m.path("cause").textValue()) && cameraId.equals(m.path("cameraId").textValue()))
                .findFirst().orElse(null);
    }

    /** Whether an OFFLINE state message for the camera arrived, and after it a coverage message with cause state. */
    private boolean offlineThenCoverage(String cameraId) {
        boolean offline = false;
        for (JsonNode m : events.messages()) {
            if (!cameraId.equals(m.path("cameraId").textValue())) {
                continue;
            }
            if ("state".equals(m.path("type").textValue())) {
                offline = "OFFLINE".equals(m.path("to").textValue());
            } else if (offline && "coverage".equals(m.path("type").textValue()) && "state".equals(m.path("cause").textValue())) {
                return true;
            }
        }
        return false;
    }

    private boolean covered(String place, String mode) {
        return get("/api/places/" + place + "/coverage?mode=" + mode).get("covered").booleanValue();
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> r = api.send("GET", path, operator, null);
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return Json.MAPPER.readTree(r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode item(JsonNode list, String id) {
        for (JsonNode i : list.get("items")) {
            if (i.get("id").textValue().equals(id)) {
                return i;
            }
        }
        throw new AssertionError("no " + id + " in " + list);
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::textValue).toList();
    }

    private static String square(String id, double metresNorth) {
        return square(id, metresNorth, LON, "east");
    }

    /** A place 20 m square, its centre {@code metresNorth} north of (LAT, lon). */
    private static String square(String id, double metresNorth, double lon, String district) {
        double lat = LAT + metresNorth / METRES_PER_DEGREE;
        double dLat = 10 / METRES_PER_DEGREE;
        double dLon = 10 / (METRES_PER_DEGREE * Math.cos(Math.toRadians(LAT)));
        String ring = String.format(java.util.Locale.ROOT, "[[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f],[%.7f,%.7f]]",
                lon - dLon, lat - dLat, lon + dLon, lat - dLat, lon + dLon, lat + dLat, lon - dLon, lat + dLat,
                lon - dLon, lat - dLat);
        return "{\"type\":\"Feature\",\"properties\":{\"id\":\"" + id + "\",\"name\":\"Place " + id + "\",\"district\":\""
                + district + "\",\"category\":\"square\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}";
    }
}
