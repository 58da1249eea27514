package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedFleet;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.config.VmsConfig;
import org.skynet.vms.core.recording.RecordedCamera;

/**
 * The playback page in headless Chromium: a simulated camera recorded for about 20 s; the operator opens
 * its playback from the camera list, sees the recorded span on the timeline, clicks it and the video
 * plays (currentTime advances), switches to 2× (playbackRate 2), marks a range and exports it, and gets
 * download links for the MP4 and manifest.json; a supervisor then sees that playback under who watched.
 * Screenshots are kept in target/screenshots.
 */
class PlaybackConsoleIT {
    private static final String CAMERA = "played-back";
    /** The export job runs in the background; on a busy machine it can take a while. */
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(60);

    private static SimulatedFleet fleet;
    private static VmsApplication app;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        fleet = SimulatedFleet.start(SimConfig.builder(1).eventLoopThreads(1).build());
        Path data = Files.createTempDirectory("vms-playback-console-it");
        app = VmsApplication.start(VmsConfig.ofFlags(Map.of("port", "0", "data", data.toString(), "bind", "127.0.0.1",
                "monitor.enabled", "false", "recorder.fsync", "false")), VmsApplication.Mode.DEMO, Clock.systemUTC());
        ApiTestClient api = new ApiTestClient(app::port);
        RecordedCamera.record(api, api.login("technician"), CAMERA, "d1", fleet.cameras().get(0), 20_000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (app != null) {
            app.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void playsFromTheTimelineAtTwiceTheSpeedAndExportsARange() throws Exception {
        browser.open("http://127.0.0.1:" + app.port() + "/");
        browser.type("login-username", "operator");
        browser.type("login-password", "operator");
        browser.click("login-submit");
        browser.click("nav-cameras");
        browser.click("camera-playback");
        browser.waitUntil("the recorded span on the timeline", () -> !browser.allByTestId("timeline-span").isEmpty());
        browser.screenshot("playback-timeline");

        WebElement span = browser.allByTestId("timeline-span").get(0);
        span.click();
        browser.waitUntil("the video plays past 2 s", () -> number("return arguments[0].currentTime", video()) > 2);
        browser.click("playback-mark-in");
        browser.click("playback-speed-2");
        assertEquals(2.0, number("return arguments[0].playbackRate", video()));
        double at = number("return arguments[0].currentTime", video());
        browser.waitUntil("the video goes on at 2×", () -> number("return arguments[0].currentTime", video()) > at + 2);
        browser.click("playback-mark-out");
        browser.screenshot("playback-playing-2x");

        browser.click("playback-export");
        try {
            new WebDriverWait(browser.driver(), EXPORT_WAIT).withMessage("download links for the MP4 and the manifest")
                    .until(d -> {
                        List<String> files = browser.allByTestId("export-file").stream().map(WebElement::getText)
                                .toList();
                        return files.contains("manifest.json") && files.stream().anyMatch(f -> f.endsWith(".mp4"));
                    });
        } finally {
            browser.screenshot("playback-exported");
        }

        browser.click("logout-button");
        browser.type("login-username", "supervisor");
        browser.type("login-password", "supervisor");
        browser.click("login-submit");
        browser.byTestId("main-nav");
        browser.open("http://127.0.0.1:" + app.port() + "/#/playback?camera=" + CAMERA);
        try {
            browser.click("playback-viewers-load");
            browser.waitUntil("the operator's playback in who watched", () -> browser.allByTestId("viewer-entry")
                    .stream().anyMatch(e -> e.getText().contains("operator — recording.playback")));
        } finally {
            browser.screenshot("playback-who-watched");
        }
    }

    private static WebElement video() {
        return browser.byTestId("playback-video");
    }

    private static double number(String script, WebElement element) {
        return ((Number) browser.driver().executeScript(script, element)).doubleValue();
    }
}
