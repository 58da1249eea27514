package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.type.TypeReference;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.skynet.vms.adapters.sim.Fault;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.server.Json;

/**
 * The video wall in headless Chromium: an operator fills a 2×2 wall with four simulated cameras (one by
 * dragging it from the camera list, three with the tile pickers), every tile's video plays (currentTime
 * advances), and after a reload the saved layout comes back and plays again; a camera that drops shows
 * "Reconnecting…" and resumes; emptying a tile closes the camera's on-demand stream and saves the wall; a 3×3 layout keeps the tiles.
 * Skipped when this Chromium
 * cannot play H.264 in Media Source Extensions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WallConsoleIT {
    private static final int CAMERAS = 4;
    /** Drags list item or map marker {@code arguments[0]} onto tile {@code arguments[1]} with HTML5 drag events. */
    static final String DRAG = """
            const data = new DataTransfer();
            const fire = (el, type) => el.dispatchEvent(new DragEvent(type, {bubbles: true, cancelable: true, dataTransfer: data}));
            fire(arguments[0], 'dragstart');
            fire(arguments[1], 'dragenter');
            fire(arguments[1], 'dragover');
            fire(arguments[1], 'drop');
            fire(arguments[0], 'dragend');
            """;
    private static final String CURRENT_TIMES = """
            return Array.from(document.querySelectorAll('[data-testid="wall-tile-video"]'), v => v.currentTime);
            """;
    static final String MSE_H264 = """
            return !!window.MediaSource && MediaSource.isTypeSupported('video/mp4; codecs="avc1.42E01E"');
            """;

    @TempDir
    static Path data;

    private final ApiTestClient api = new ApiTestClient(() -> this.app.port());
    private VmsApplication app;
    private SimulatedFleet fleet;
    private final List<String> ids = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.enabled", "false", "camera-events.enabled", "false", "recorder.fsync", "false")),
                VmsApplication.Mode.DEMO, Clock.systemUTC());
        fleet = SimulatedFleet.start(SimConfig.builder(CAMERAS).eventLoopThreads(1).build());
        String technician = api.login("technician");
        for (int i = 0; i < CAMERAS; i++) {
            SimulatedCamera cam = fleet.cameras().get(i);
            String id = "wall-" + i;
            HttpResponse<String> r = api.send("POST", "/api/cameras", technician, "{\"id\":\"" + id + "\",\"name\":\"Gate "
                    + i + "\",\"district\":\"d1\",\"lat\":23.01,\"lon\":113.75,\"bearing\":90,\"fov\":60,\"range\":50,"
                    + "\"rtspUrl\":\"" + cam.rtspMainUrl() + "\",\"username\":\"" + cam.username() + "\",\"password\":\""
                    + cam.password() + "\"}");
            assertEquals(201, r.statusCode(), r.body());
            ids.add(id);
        }
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void anOperatorFillsA2x2WallThatPlaysAndComesBackAfterAReload() throws Exception {
        try (Browser browser = Browser.start()) {
            browser.open("http://127.0.0.1:" + app.port() + "/#/wall");
            browser.type("login-username", "operator");
            browser.type("login-password", "operator");
            browser.click("login-submit");
            browser.waitFor("[data-testid='wall-view'][data-state='ready']");
            Assumptions.assumeTrue((Boolean) browser.driver().executeScript(MSE_H264),
                    "this Chromium cannot play H.264 in Media Source Extensions: wall check skipped");
            new Select(browser.byTestId("wall-layout")).selectByValue("4");
            List<WebElement> tiles = browser.allByTestId("wall-tile");
            assertEquals(CAMERAS, tiles.size());

            WebElement first = browser.waitFor("[data-testid='wall-camera'][data-camera-id='" + ids.get(0) + "']");
            browser.driver().executeScript(DRAG, first, tiles.get(0));
            for (int i = 1; i < CAMERAS; i++) {
                new Select(tiles.get(i).findElement(By.cssSelector("[data-testid='wall-tile-picker']")))
                        .selectByValue(ids.get(i));
            }
            browser.waitFor("[data-testid='wall-view'][data-saved='saved']");
            assertEquals(ids, tileCameras(browser));
            assertAllPlay(browser);
            assertEquals("Gate 0", tiles.get(0).findElement(By.cssSelector("[data-testid='wall-tile-name']")).getText());
            browser.screenshot("video-wall");

            browser.driver().navigate().refresh();
            browser.waitFor("[data-testid='wall-view'][data-state='ready']");
            assertEquals("4", new Select(browser.byTestId("wall-layout")).getFirstSelectedOption().getAttribute("value"));
            assertEquals(ids, tileCameras(browser));
            assertAllPlay(browser);
            browser.screenshot("video-wall-reloaded");

            fleet.setFault(fleet.cameras().get(3).id(), Fault.DOWN);
            WebElement dropped = browser.allByTestId("wall-tile").get(3);
            longWait(browser).until(d -> "reconnecting".equals(dropped.getAttribute("data-state")));
            assertEquals("Reconnecting…", dropped.findElement(By.cssSelector("[data-testid='wall-tile-state']")).getText());
            browser.screenshot("video-wall-reconnecting");
            fleet.setFault(fleet.cameras().get(3).id(), Fault.NONE);
            longWait(browser).until(d -> "live".equals(dropped.getAttribute("data-state")));

            browser.allByTestId("wall-tile").get(0).findElement(By.cssSelector("[data-testid='wall-tile-clear']")).click();
            SimulatedCamera cleared = fleet.cameras().get(0);
            longWait(browser).until(d -> cleared.openConnections() == 0);
            browser.waitFor("[data-testid='wall-view'][data-saved='saved']");
            assertEquals(Arrays.asList(null, ids.get(1), ids.get(2), ids.get(3)), savedTiles());

            new Select(browser.byTestId("wall-layout")).selectByValue("9");
            browser.waitFor("[data-testid='wall-grid'][data-layout='9']");
            browser.waitFor("[data-testid='wall-view'][data-saved='saved']");
            List<String> nine = Arrays.asList(null, ids.get(1), ids.get(2), ids.get(3), null, null, null, null, null);
            assertEquals(nine, savedTiles());
            assertEquals(nine.stream().map(id -> id == null ? "" : id).toList(), tileCameras(browser));
        }
    }

    /** The camera's stream drops and comes back through the recorder's backoff: longer than Browser's 15 s. */
    private static WebDriverWait longWait(Browser browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(40));
    }

    private List<String> savedTiles() throws Exception {
        HttpResponse<String> r = api.send("GET", "/api/me/wall", api.login("operator"), null);
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readValue(Json.MAPPER.readTree(r.body()).get("tiles").traverse(),
                new TypeReference<List<String>>() { });
    }

    private static List<String> tileCameras(Browser browser) {
        return browser.allByTestId("wall-tile").stream().map(t -> t.getAttribute("data-camera-id")).toList();
    }

    /** Every tile's currentTime passes 0, then advances by more than a second. */
    private static void assertAllPlay(Browser browser) {
        browser.waitUntil("every tile plays", () -> times(browser).stream().allMatch(t -> t > 0));
        List<Double> start = times(browser);
        browser.waitUntil("every tile's currentTime advances by 1 s from " + start, () -> {
            List<Double> now = times(browser);
            for (int i = 0; i < now.size(); i++) {
                if (now.get(i) - start.get(i) <= 1.0) {
                    return false;
                }
            }
            return true;
        });
    }

    private static List<Double> times(Browser browser) {
        List<?> raw = (List<?>) browser.driver().executeScript(CURRENT_TIMES);
        return raw.stream().map(v -> ((Number) v).doubleValue()).toList();
    }
}
