package org.skynet.vms.core.places;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.coverage.CoverageEngine;
import org.skynet.vms.core.coverage.CoverageMode;
import org.skynet.vms.core.coverage.CoverageSummary;
import org.skynet.vms.core.coverage.Place;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.monitor.Await;
import org.skynet.vms.core.server.Json;

/**
 * Places and coverage over real HTTP, the whole server in demo mode on H2, with the health monitor probing
 * through a controllable prober: import (good and bad), list/edit/export/delete, designed and live coverage
 * equal to a fresh engine's, and live coverage of a place dropping when its camera goes OFFLINE.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaceApiIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path data;

    @AutoClose
    private TestServer server;
    private ApiTestClient api;
    private Set<String> down;
    private VmsApplication app;
    private String technician;
    private String operator;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, TestServer.fastMonitorFlags(Map.of("coverage.camera-refresh-millis", "100")),
                null);
        api = server.api();
        app = server.app();
        down = server.startProberWithCamerasDown();
        technician = server.login("technician");
        operator = server.login("operator");
    }

    @Test
    void coverageFollowsCamerasAndMonitorStates() throws Exception {
        String places = PlaceStoreTest.collection(List.of(
                PlaceStoreTest.feature("p1", "east", "school", 0.9, 0),
                PlaceStoreTest.feature("p2", "east", "park", 0.9, 0.01),
                PlaceStoreTest.feature("p3", "west", "park", 0.9, 0.02)));
        assertEquals(403, api.send("POST", "/api/places:import", operator, places).statusCode());
        assertEquals(415, api.send("POST", "/api/places:import", technician, places, "text/csv").statusCode());
        HttpResponse<String> imported = api.send("POST", "/api/places:import", technician, places);
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals(3, json(imported).get("imported").intValue());

        camera("cam-1", 0);
        camera("cam-2", 0.01);
        assertTrue(Await.until(WAIT, () -> covered("live") == 2 && covered("designed") == 2), "both cameras counted");
        assertEqualsEngine();

        JsonNode summary = json(api.send("GET", "/api/coverage?mode=designed", operator, null));
        assertEquals("designed", summary.get("mode").textValue());
        assertEquals(2, summary.get("districts").get("east").get("placesCovered").intValue());
        assertEquals(2, summary.get("districts").get("east").get("placesTotal").intValue());
        assertEquals(0, summary.get("districts").get("west").get("placesCovered").intValue());
        assertEquals(1, summary.get("categories").get("park").get("placesCovered").intValue());
        assertEquals(0.5, summary.get("categories").get("park").get("rate").doubleValue());
        JsonNode west = json(api.send("GET", "/api/coverage?mode=designed&district=west", operator, null));
        assertEquals(1, west.get("placesTotal").intValue());
        assertEquals(0, west.get("placesCovered").intValue());
        assertEquals(0.0, west.get("rate").doubleValue());

        JsonNode p2 = json(api.send("GET", "/api/places/p2/coverage?mode=live", operator, null));
        assertTrue(p2.get("covered").booleanValue(), p2.toString());
        assertEquals(List.of("cam-2"), List.of(p2.get("cameras").get(0).textValue()));
        assertEquals(0.9, p2.get("required").doubleValue());

        down.add("cam-2");
        assertTrue(Await.until(WAIT, () -> !placeCoverage("p2", "live").get("covered").booleanValue()),
                "live coverage of p2 drops when cam-2 is OFFLINE");
        JsonNode liveP2 = placeCoverage("p2", "live");
        assertEquals(0.0, liveP2.get("coverage").doubleValue());
        assertEquals("MultiPolygon", liveP2.get("gaps").get("type").textValue());
        assertFalse(liveP2.get("gaps").get("coordinates").isEmpty());
        assertTrue(placeCoverage("p2", "designed").get("covered").booleanValue());
        assertTrue(placeCoverage("p1", "live").get("covered").booleanValue());
        assertEquals(1, covered("live"));
        assertEqualsEngine();
        assertEquals(400, api.send("GET", "/api/coverage?mode=sideways", operator, null).statusCode());
        assertEquals(404, api.send("GET", "/api/places/nope/coverage", operator, null).statusCode());
    }

    @Test
    void badImportListsEveryBadFeatureAndStoresNothing() throws Exception {
        String bad = PlaceStoreTest.collection(List.of(PlaceStoreTest.feature("b-ok", "north", "school", 0.5, 0),
                PlaceStoreTest.feature("b-x1", "north", "school", 2, 0),
                PlaceStoreTest.feature("b-x2", "north", "school", -3, 0)));
        HttpResponse<String> r = api.send("POST", "/api/places:import", technician, bad);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("b-x1") && r.body().contains("b-x2"), r.body());
        assertEquals(404, api.send("GET", "/api/places/b-ok", operator, null).statusCode());
    }

    @Test
    void editListExportDelete() throws Exception {
        String places = PlaceStoreTest.collection(List.of(PlaceStoreTest.feature("e1", "south", "square", 0.5, 0.5),
                PlaceStoreTest.feature("e2", "south", "square", 0.5, 0.51)));
        assertEquals(200, api.send("POST", "/api/places:import", technician, places).statusCode());

        HttpResponse<String> patched = api.send("PATCH", "/api/places/e1", technician,
                "{\"name\":\"Old Market\",\"requiredCoverage\":0.3}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("Old Market", json(patched).get("name").textValue());
        assertEquals(0.3, json(api.send("GET", "/api/places/e1", operator, null)).get("requiredCoverage").doubleValue());
        assertEquals(400, api.send("PATCH", "/api/places/e1", technician, "{\"requiredCoverage\":3}").statusCode());
        assertEquals(400, api.send("PATCH", "/api/places/e1", technician, "{\"geometry\":null}").statusCode());
        assertEquals(403, api.send("PATCH", "/api/places/e1", operator, "{\"name\":\"x\"}").statusCode());

        JsonNode page = json(api.send("GET", "/api/places?district=south&limit=1", operator, null));
        assertEquals("e1", page.get("items").get(0).get("id").textValue());
        assertEquals("Polygon", page.get("items").get(0).get("geometry").get("type").textValue());
        JsonNode next = json(api.send("GET", "/api/places?district=south&limit=1&cursor=" + page.get("nextCursor").textValue(),
                operator, null));
        assertEquals("e2", next.get("items").get(0).get("id").textValue());
        assertTrue(next.get("nextCursor").isNull());

        HttpResponse<String> export = api.send("GET", "/api/places:export", technician, null);
        assertEquals(200, export.statusCode());
        List<String> exportedIds = new PlaceGeoJson().parse(new ByteArrayInputStream(export.body()
                .getBytes(StandardCharsets.UTF_8)), "export").stream().map(Place::id).toList();
        assertTrue(exportedIds.containsAll(List.of("e1", "e2")), exportedIds.toString());

        assertEquals(204, api.send("DELETE", "/api/places/e2", technician, null).statusCode());
        assertEquals(404, api.send("GET", "/api/places/e2", operator, null).statusCode());
        assertEquals(404, api.send("GET", "/api/places/e2/coverage", operator, null).statusCode());
    }

    /** The server's numbers equal a fresh full computation over the same places, cameras and states. */
    private void assertEqualsEngine() throws Exception {
        PlaceFeatures features = new PlaceFeatures(new PlaceGeoJson());
        PlaceStore store = new PlaceStore(new Jdbc(app.database()), Clock.systemUTC());
        for (CoverageMode mode : CoverageMode.values()) {
            CoverageSummary expected = CoverageEngine.compute(features.places(store.all()),
                    new RegistryCameras(app.cameraRegistry()).get(), mode,
                    new MonitorLiveStates(app.monitorService().states())).snapshot().summary();
            JsonNode actual = json(api.send("GET", "/api/coverage?mode=" + mode.wireName(), operator, null));
            assertEquals(expected.total().placesCovered(), actual.get("placesCovered").intValue(), mode.name());
            assertEquals(expected.total().placesTotal(), actual.get("placesTotal").intValue(), mode.name());
            assertEquals(expected.total().rate(), actual.get("rate").doubleValue(), 1e-12, mode.name());
        }
    }

    private void camera(String id, double offset) throws Exception {
        String body = "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"district\":\"east\",\"lat\":23.0201,\"lon\":"
                + (113.7501 + offset) + ",\"bearing\":0,\"fov\":360,\"range\":100,\"rtspUrl\":\"rtsp://127.0.0.1:9/s1\"}";
        HttpResponse<String> r = api.send("POST", "/api/cameras", technician, body);
        assertEquals(201, r.statusCode(), r.body());
    }

    private int covered(String mode) {
        try {
            return json(api.send("GET", "/api/coverage?mode=" + mode, operator, null)).get("placesCovered").intValue();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode placeCoverage(String id, String mode) {
        try {
            HttpResponse<String> r = api.send("GET", "/api/places/" + id + "/coverage?mode=" + mode, operator, null);
            assertEquals(200, r.statusCode(), r.body());
            return json(r);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

}
