package org.skynet.vms.core.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.core.api.ApiTestClient;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.app.VmsApplication;
import org.skynet.vms.core.recording.RecordedCamera;
import org.skynet.vms.core.server.Json;

/**
 * The playback page in headless Chromium: a simulated camera recorded for about 20 s; the operator opens
 * its playback from the camera list, sees the recorded span on the timeline, clicks it and the video
 * plays (currentTime advances), switches to 2× (playbackRate 2), marks a range and exports it, and gets
 * download links for the MP4 and manifest.json; a supervisor then sees that playback under who watched.
 * Two events are triggered while recording; "next event" jumps to each in turn. Screenshots are kept in
 * target/screenshots.
 */
class PlaybackConsoleIT {
    private static final String CAMERA = "played-back";
    /** The export job runs in the background; on a busy machine it can take a while. */
    private static final Duration EXPORT_WAIT = Duration.ofSeconds(60);

    private static TestServer server;
    private static VmsApplication app;
    private static Browser browser;
    /** Trigger instants of the two event clips made while recording. */
    private static final List<Instant> EVENTS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        server = TestServer.start(Files.createTempDirectory("vms-playback-console-it"), Map.of("recorder.fsync", "false",
                "recorder.clips.pre-roll-seconds", "3", "recorder.clips.post-roll-seconds", "2"),
                SimConfig.builder(1).eventLoopThreads(1).build());
        app = server.app();
        ApiTestClient api = server.api();
        String technician = api.login("technician");
        RecordedCamera.record(api, technician, CAMERA, "d1", server.fleet().cameras().get(0), 20_000, () -> {
            String recordings = "/api/cameras/" + CAMERA + "/recordings?from=" + Instant.now().minusSeconds(60);
            for (long after : new long[] {5_000, 11_000}) {
                TestServer.awaitJson(api, recordings, technician, b -> b.path("recordedMillis").asLong() >= after);
                HttpResponse<String> event = api.send("POST", "/api/cameras/" + CAMERA + "/events", technician,
                        "{\"type\":\"manual\"}");
                assertEquals(202, event.statusCode(), event.body());
                EVENTS.add(Instant.parse(Json.MAPPER.readTree(event.body()).get("at").textValue()));
            }
        });
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * "Next event" plays from the first event's trigger time, then from the second's (not the first's again),
     * then says none is left. The position is checked both in the video's URL and in the page's clock.
     */
    @Test
    void nextEventJumpsToEachEventInTurn() throws Exception {
        signedOut();
        browser.open("http://127.0.0.1:" + app.port() + "/");
        browser.submitLogin("operator", "operator");
        browser.byTestId("main-nav");
        browser.open("http://127.0.0.1:" + app.port() + "/#/playback?camera=" + CAMERA);
        browser.waitUntil("both event markers on the timeline", () -> browser.allByTestId("timeline-event").size() == 2);
        for (int i = 0; i < EVENTS.size(); i++) {
            Instant event = EVENTS.get(i);
            Instant at = event.truncatedTo(ChronoUnit.MILLIS);
            browser.click("playback-next-event");
            browser.waitUntil("the video plays from event " + (i + 1) + " (" + at + "), shown as the position", () -> {
                Instant shown = shownPosition();
                return at.equals(playingFrom()) && shown != null && !shown.isBefore(at)
                        && shown.isBefore(at.plusSeconds(3))
                        && number("return arguments[0].currentTime", video()) > 0.5;
            });
            browser.screenshot("playback-next-event-" + (i + 1));
        }
        browser.click("playback-next-event");
        browser.waitUntil("no later event", () -> browser.byTestId("playback-status").getText()
                .equals("No later event in this hour."));
    }

    /** Forgets the session cookie: each test signs in itself, whatever ran before. */
    private static void signedOut() {
        browser.driver().executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    /** Where the video's file starts: the {@code from} of its playback.mp4 URL. */
    private static Instant playingFrom() {
        String src = video().getAttribute("src");
        int at = src == null ? -1 : src.indexOf("from=");
        if (at < 0) {
            return null;
        }
        String from = src.substring(at + 5).split("&")[0];
        return Instant.parse(URLDecoder.decode(from, StandardCharsets.UTF_8));
    }

    /** The instant the page shows as the play position (the clock under the timeline). */
    private static Instant shownPosition() {
        String at = browser.byTestId("playback-clock").getAttribute("data-at");
        return at == null || at.isEmpty() ? null : Instant.parse(at);
    }

    @Test
    void playsFromTheTimelineAtTwiceTheSpeedAndExportsARange() throws Exception {
        signedOut();
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
