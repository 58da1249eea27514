package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.skynet.vms.core.api.TestServer;

/**
 * The video wall in the duty room, in headless Chromium against a server with a fast health monitor probing
 * simulated cameras over real RTSP: an alarm (a camera taken down) pops its camera into the first empty tile
 * with an alarm mark that a click clears, not with popping switched off, and never over a pinned tile; a
 * camera dragged from the wall's map panel plays in the tile it is dropped on; a tile's clock shows the
 * stream's wall time (the camera's clock, here an hour ahead of ours) and moves with the video's currentTime.
 * Each test signs in as its own user, so their saved walls do not meet. Skipped when this Chromium cannot
 * play H.264 in Media Source Extensions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WallDutyConsoleIT {
    private static final int CAMERAS = 5;
    private static final String READY = "[data-testid='wall-view'][data-state='ready']";
    private static final String SAVED = "[data-testid='wall-view'][data-saved='saved']";
    /** The first tile's currentTime and its clock's wall time (ISO) and source, read at once. */
    private static final String FIRST_TILE_CLOCK = """
            const tile = document.querySelector('[data-testid="wall-tile"]');
            const clock = tile.querySelector('[data-testid="wall-tile-clock"]');
            return [tile.querySelector('video').currentTime, clock.dataset.wall || '', clock.dataset.source || '',
                clock.textContent];
            """;

    @TempDir
    static Path data;

    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, TestServer.fastMonitorFlags(Map.of("monitor.enabled", "true",
                "camera-events.enabled", "false", "recorder.fsync", "false")),
                SimConfig.builder(CAMERAS).eventLoopThreads(1).build());
        String technician = server.login("technician");
        for (int i = 0; i < CAMERAS; i++) {
            server.createCamera(technician, id(i), server.fleet().cameras().get(i));
            // Apart on the wall's map: one marker each.
            assertEquals(200, server.api().send("PATCH", "/api/cameras/" + id(i), technician,
                    "{\"lat\":" + (23.01 + 0.002 * i) + ",\"lon\":" + (113.75 + 0.003 * (i % 2)) + "}").statusCode());
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anAlarmPopsItsCameraIntoTheFirstEmptyTileWithAMarkUntilClicked() throws Exception {
        try (Browser browser = openWall("operator")) {
            new Select(browser.byTestId("wall-layout")).selectByValue("4");
            List<WebElement> tiles = browser.allByTestId("wall-tile");
            pick(tiles.get(0), id(0));
            pick(tiles.get(1), id(1));
            browser.waitFor(SAVED);
            WebElement pin = tiles.get(0).findElement(By.cssSelector("[data-testid='wall-tile-pin']"));
            pin.click();
            assertEquals("true", tiles.get(0).getAttribute("data-pinned"));
            assertEquals("Pinned", pin.getText());

            server.fleet().setFault(sim(2), Fault.DOWN);
            WebElement popped = browser.allByTestId("wall-tile").get(2);
            longWait(browser).until(d -> id(2).equals(popped.getAttribute("data-camera-id")));
            WebElement mark = popped.findElement(By.cssSelector("[data-testid='wall-tile-alarm']"));
            assertTrue(mark.isDisplayed(), "the alarm mark shows");
            assertEquals("Alarm: OFFLINE", mark.getText());
            assertEquals("OFFLINE", popped.getAttribute("data-alarm"));
            assertEquals(List.of(id(0), id(1), id(2), ""), tileCameras(browser), "the first empty tile, no other");
            browser.screenshot("video-wall-alarm-popped");
            browser.waitFor(SAVED);

            popped.click();
            browser.waitUntil("the alarm mark goes with a click", () -> !mark.isDisplayed());
            assertEquals(null, popped.getAttribute("data-alarm"));

            browser.byTestId("wall-popping").click();
            assertFalse(browser.byTestId("wall-popping").isSelected());
            server.fleet().setFault(sim(3), Fault.DOWN);
            String operator = server.login("operator");
            int open = server.awaitJson("/api/alarms?status=open", operator, b -> b.get("items")
                    .findValuesAsText("cameraId").contains(id(3))).get("items").size();
            browser.waitUntil("the console counts the new alarm (it came on the event socket)",
                    () -> String.valueOf(open).equals(browser.byTestId("alarm-badge").getAttribute("data-count")));
            assertEquals(List.of(id(0), id(1), id(2), ""), tileCameras(browser), "popping off: the tile stays empty");

            browser.driver().navigate().refresh();
            browser.waitFor(READY);
            assertFalse(browser.byTestId("wall-popping").isSelected(), "the switch is kept in this browser");
            assertEquals("true", browser.allByTestId("wall-tile").get(0).getAttribute("data-pinned"), "so is the pin");
            assertEquals(List.of(id(0), id(1), id(2), ""), tileCameras(browser), "the popped camera was saved");
        } finally {
            server.fleet().setFault(List.of(sim(2), sim(3)), Fault.NONE);
        }
    }

    @Test
    void aCameraDraggedFromTheMapPlaysInItsTile() throws Exception {
        try (Browser browser = openWall("supervisor")) {
            new Select(browser.byTestId("wall-layout")).selectByValue("4");
            WebElement marker = browser.waitFor("[data-testid='wall-map-camera'][data-camera-id='" + id(1) + "']");
            assertEquals(String.valueOf(CAMERAS), browser.byTestId("wall-map").getAttribute("data-markers"));
            WebElement target = browser.allByTestId("wall-tile").get(3);
            browser.driver().executeScript(WallConsoleIT.DRAG, marker, target);
            browser.waitFor(SAVED);
            assertEquals(List.of("", "", "", id(1)), tileCameras(browser));
            browser.waitUntil("the dropped camera plays", () -> ((Number) browser.driver().executeScript(
                    "return arguments[0].querySelector('video').currentTime", target)).doubleValue() > 1);
            browser.screenshot("video-wall-map-drop");
        }
    }

    @Test
    void aTileClockShowsTheCameraClockOfThePictureOnScreen() throws Exception {
        Duration drift = Duration.ofHours(1);
        server.fleet().setFault(sim(4), Fault.clockDrift(drift));
        try (Browser browser = openWall("admin")) {
            new Select(browser.byTestId("wall-layout")).selectByValue("1");
            pick(browser.allByTestId("wall-tile").get(0), id(4));
            browser.waitUntil("the clock shows the stream's time", () -> !((String) clock(browser).get(1)).isEmpty());
            List<Object> first = clock(browser);
            Duration ahead = Duration.between(Instant.now(), Instant.parse((String) first.get(1)));
            assertTrue(ahead.minus(drift).abs().toSeconds() < 5,
                    "the camera's clock, an hour ahead of the browser's, give or take the latency: " + ahead);
            assertEquals("camera", first.get(2));
            assertFalse(((String) first.get(3)).contains("server"), "no server mark: " + first.get(3));
            browser.waitUntil("the video plays on 2 s", () -> seconds(clock(browser)) - seconds(first) > 2);
            List<Object> later = clock(browser);
            long wallMillis = Duration.between(Instant.parse((String) first.get(1)),
                    Instant.parse((String) later.get(1))).toMillis();
            long videoMillis = Math.round((seconds(later) - seconds(first)) * 1000);
            // The clock label is refreshed every 250 ms from currentTime: each reading may be that old.
            assertTrue(Math.abs(wallMillis - videoMillis) <= 600,
                    "the clock moves with currentTime: wall +" + wallMillis + " ms, video +" + videoMillis + " ms");
            browser.screenshot("video-wall-camera-clock");
        } finally {
            server.fleet().setFault(sim(4), Fault.NONE);
        }
    }

    /** A browser signed in as {@code user} on a ready wall; the test is skipped without H.264 in MSE. */
    private Browser openWall(String user) throws Exception {
        Browser browser = Browser.start();
        browser.signIn("http://127.0.0.1:" + server.app().port() + "/#/wall", user, READY);
        boolean h264 = (Boolean) browser.driver().executeScript(WallConsoleIT.MSE_H264);
        if (!h264) {
            browser.close();
        }
        Assumptions.assumeTrue(h264, "this Chromium cannot play H.264 in Media Source Extensions: wall check skipped");
        return browser;
    }

    private static void pick(WebElement tile, String cameraId) {
        new Select(tile.findElement(By.cssSelector("[data-testid='wall-tile-picker']"))).selectByValue(cameraId);
    }

    private static String id(int i) {
        return "duty-" + i;
    }

    private String sim(int i) {
        return server.fleet().cameras().get(i).id();
    }

    private static List<Object> clock(Browser browser) {
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) browser.driver().executeScript(FIRST_TILE_CLOCK);
        return values;
    }

    private static double seconds(List<Object> clock) {
        return ((Number) clock.get(0)).doubleValue();
    }

    /** The monitor notices a camera down within a few probe intervals; the alarm follows. */
    private static WebDriverWait longWait(Browser browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(40));
    }

    private static List<String> tileCameras(Browser browser) {
        return browser.allByTestId("wall-tile").stream().map(t -> t.getAttribute("data-camera-id")).toList();
    }
}
