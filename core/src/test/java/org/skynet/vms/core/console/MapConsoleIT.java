package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.interactions.Actions;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.coverage.PlaceGeoJson;
import org.skynet.vms.core.db.Jdbc;
import org.skynet.vms.core.demo.DemoData;
import org.skynet.vms.core.demo.DemoPlaces;
import org.skynet.vms.core.monitor.Await;
import org.skynet.vms.core.places.PlaceFeatures;
import org.skynet.vms.core.places.PlaceStore;
import org.skynet.vms.core.registry.CameraDraft;
import org.skynet.vms.core.server.Json;

/**
 * The Map page in headless Chromium against a demo server (demo cameras and sample places) watching ten
 * simulated cameras, probed every second. A supervisor sees the same rate as {@code GET /api/coverage}; a
 * simulated camera taken down turns its cone OFFLINE and its place from covered to gap without a reload. A
 * technician turns another camera's cone away from its place and saves it: the place becomes a gap at once
 * (the periodic camera refresh of coverage is an hour here). Screenshots are kept in target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MapConsoleIT {
    private static final int CAMERAS = 10;

    @AutoClose
    private static TestServer server;
    private static SimulatedFleet fleet;
    private static VmsApplication app;
    @AutoClose
    private static Browser browser;
    private static String base;
    private static ApiTestClient api;
    private static String supervisorToken;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = TestServer.start(Files.createTempDirectory("vms-map-console-it"), Map.of("monitor.enabled", "true",
                "monitor.interval-seconds", "1", "monitor.timeout-seconds", "2", "monitor.registry-poll-seconds", "1",
                "monitor.write-interval-millis", "200", "coverage.camera-refresh-millis", "3600000"),
                SimConfig.builder(CAMERAS).build());
        app = server.app();
        fleet = server.fleet();
        assertEquals(CAMERAS, DemoData.loadIfEmpty(app.cameraRegistry(), fleet.cameras()));
        assertEquals(CAMERAS, DemoPlaces.loadIfEmpty(new PlaceStore(new Jdbc(app.database()), Clock.systemUTC()),
                new PlaceFeatures(new PlaceGeoJson()), app.coverageService(), DemoData.cameras(fleet.cameras())));
        base = "http://127.0.0.1:" + app.port() + "/";
        api = server.api();
        supervisorToken = server.login("supervisor");
        assertTrue(Await.until(java.time.Duration.ofSeconds(20), () -> rate("live").get("placesCovered").intValue()
                == rate("designed").get("placesCovered").intValue()), "every enabled demo camera ONLINE");
    }

    @AfterEach
    void signOut() {
        browser.click("logout-button");
        browser.waitFor("[data-testid='login-form']");
    }

    @Test
    @Order(1)
    void rateEqualsTheApiAndACameraTakenDownTurnsItsPlaceIntoAGapLive() throws Exception {
        JsonNode target = coveredByOneCamera(List.of());
        String placeId = target.get("id").textValue();
        String cameraId = target.get("cameras").get(0).textValue();

        signIn("supervisor");
        browser.driver().executeScript("window.cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective));");
        browser.click("nav-map");
        browser.waitFor("[data-testid='map-view'][data-state='ready']");
        browser.waitFor("[data-testid='live-indicator'][data-status='live']");
        JsonNode live = rate("live");
        assertEquals(live.get("rate").doubleValue(), Double.parseDouble(attr("[data-testid='map-rate']", "data-rate")), 1e-12);
        String shown = browser.byTestId("map-rate").getText();
        assertTrue(shown.contains(String.format(java.util.Locale.ROOT, "%.1f %%", live.get("rate").doubleValue() * 100))
                && shown.contains(live.get("placesCovered").intValue() + " of " + live.get("placesTotal").intValue()), shown);
        assertEquals(CAMERAS, browser.allByTestId("map-place").size(), "one sample place per demo camera");
        assertEquals(CAMERAS, browser.allByTestId("map-cone").size());
        assertFalse(browser.allByTestId("map-district-outline").isEmpty(), "district outlines drawn");
        waitForPresent(place(placeId, "covered"));
        waitForPresent(cone(cameraId, "ONLINE"));
        browser.waitFor("[data-testid='map-view'][data-gaps='ready']");
        assertFalse(browser.allByTestId("map-gap").isEmpty(), "the straddling sample places have gaps shaded");
        browser.screenshot("map-overview");

        browser.waitFor(row(placeId)).click();
        assertEquals("Covered", browser.byTestId("place-state").getText());
        browser.waitFor("[data-testid='place-camera'][data-camera-id='" + cameraId + "']").click();
        browser.waitFor("[data-testid='camera-details']");
        assertEquals("ONLINE", attr("[data-testid='camera-detail-state']", "data-state"));
        browser.waitUntil("snapshot or an honest note", () -> {
            String note = textOf("[data-testid='camera-snapshot-note']");
            return note != null && !note.startsWith("Loading");
        });
        assertFalse(browser.driver().findElement(org.openqa.selenium.By.id("cone-form")).isDisplayed(),
                "a supervisor does not move cameras");
        browser.screenshot("map-covered");

        browser.driver().executeScript("window.mapNotReloaded = true;");
        fleet.setFault(simIdOf(cameraId), Fault.DOWN);
        waitForPresent(cone(cameraId, "OFFLINE"));
        waitForPresent(place(placeId, "gap"));
        browser.waitFor(row(placeId) + "[data-state='gap']");
        assertEquals("OFFLINE", attr("[data-testid='camera-detail-state']", "data-state"));
        assertFalse(textOf("[data-testid='camera-detail-reason']").isBlank());
        assertEquals(Boolean.TRUE, browser.driver().executeScript("return window.mapNotReloaded === true;"),
                "updated live, without reloading the page");
        JsonNode after = rate("live");
        browser.waitUntil("the shown rate follows the API", () ->
                Math.abs(Double.parseDouble(attr("[data-testid='map-rate']", "data-rate")) - after.get("rate").doubleValue()) < 1e-12);
        assertEquals(live.get("placesCovered").intValue() - 1, after.get("placesCovered").intValue());
        browser.screenshot("map-camera-down-gap");
        assertEquals("[]", String.valueOf(browser.driver().executeScript("return JSON.stringify(window.cspViolations);")),
                "Leaflet and the map page run under the console's Content-Security-Policy");

        new org.openqa.selenium.support.ui.Select(browser.byTestId("map-mode")).selectByValue("designed");
        browser.waitFor("[data-testid='map-rate'][data-mode='designed']");
        waitForPresent(place(placeId, "covered"));
    }

    @Test
    @Order(2)
    void technicianTurnsAConeAwayAndItsPlaceBecomesAGapAtOnce() throws Exception {
        JsonNode target = coveredByOneCamera(List.of());
        String placeId = target.get("id").textValue();
        String cameraId = target.get("cameras").get(0).textValue();
        double bearing = camera(cameraId).get("bearing").doubleValue();

        signIn("technician");
        browser.open(base + "#/map");
        browser.waitFor("[data-testid='map-view'][data-state='ready']");
        waitForPresent(place(placeId, "covered"));
        browser.waitFor(row(placeId)).click();
        browser.waitFor("[data-testid='place-camera'][data-camera-id='" + cameraId + "']").click();
        browser.waitFor("[data-testid='cone-form']");
        browser.waitFor("[data-testid='cone-centre']");
        String bearingShown = browser.byTestId("cone-bearing").getAttribute("value");
        new Actions(browser.driver()).dragAndDropBy(browser.waitFor("[data-testid='cone-turn']"), 0, 60).perform();
        browser.waitUntil("dragging the handle turns the cone", () ->
                !bearingShown.equals(browser.byTestId("cone-bearing").getAttribute("value")));

        browser.type("cone-bearing", "400");
        browser.click("cone-save");
        String error = browser.byTestId("cone-error").getText();
        assertTrue(error.startsWith("Could not save:") && error.contains("field: bearing"), error);

        double turned = (bearing + 180) % 360;
        browser.type("cone-bearing", String.valueOf(turned));
        browser.click("cone-save");
        assertTrue(browser.byTestId("cone-result").getText().contains("Saved"), browser.byTestId("cone-result").getText());
        waitForPresent(place(placeId, "gap"));
        assertEquals(turned, camera(cameraId).get("bearing").doubleValue(), 1e-9, "saved to the registry");
        browser.screenshot("map-technician-turned-cone");
    }

    private static void signIn(String user) {
        browser.signIn(base, user, "[data-testid='nav-map']");
    }

    /** A live-covered sample place seen by exactly one camera, whose camera is not in {@code excluded}. */
    private static JsonNode coveredByOneCamera(List<String> excluded) throws Exception {
        for (JsonNode p : get("/api/map/places?mode=live").get("items")) {
            if (p.get("covered").booleanValue() && p.get("cameras").size() == 1
                    && !excluded.contains(p.get("cameras").get(0).textValue())) {
                return p;
            }
        }
        throw new AssertionError("no live-covered sample place with one camera");
    }

    private static String simIdOf(String cameraId) {
        List<CameraDraft> drafts = DemoData.cameras(fleet.cameras());
        for (int i = 0; i < drafts.size(); i++) {
            if (drafts.get(i).id().equals(cameraId)) {
                return fleet.cameras().get(i).id();
            }
        }
        throw new AssertionError("no demo camera " + cameraId);
    }

    private static String row(String placeId) {
        return "[data-testid='map-place-row'][data-place-id='" + placeId + "']";
    }

    /** Waits until the selector matches (map paths of a few metres may be under a pixel: no visibility check). */
    private static void waitForPresent(String css) {
        browser.waitUntil(css, () -> Boolean.TRUE.equals(browser.driver().executeScript(
                "return document.querySelector(arguments[0]) !== null;", css)));
    }

    private static String place(String id, String state) {
        return "[data-testid='map-place'][data-place-id='" + id + "'][data-state='" + state + "']";
    }

    private static String cone(String id, String state) {
        return "[data-testid='map-cone'][data-camera-id='" + id + "'][data-state='" + state + "']";
    }

    private static JsonNode rate(String mode) {
        try {
            return get("/api/coverage?mode=" + mode);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode camera(String id) throws IOException, InterruptedException {
        return get("/api/cameras/" + id);
    }

    private static JsonNode get(String path) throws IOException, InterruptedException {
        var r = api.send("GET", path, supervisorToken, null);
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }

    private static String attr(String css, String name) {
        return browser.waitFor(css).getAttribute(name);
    }

    /** The text of the first match, read in one script call (a live update may redraw the element meanwhile). */
    private static String textOf(String css) {
        Object text = browser.driver().executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", css);
        return text == null ? null : text.toString();
    }
}
