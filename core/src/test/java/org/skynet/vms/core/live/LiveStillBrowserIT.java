package org.skynet.vms.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.skynet.vms.adapters.sim.SimConfig;
import org.skynet.vms.adapters.sim.SimulatedCamera;
import org.skynet.vms.core.api.TestServer;
import org.skynet.vms.core.console.Browser;
import org.skynet.vms.core.db.Jdbc;

/**
 * The live player's still-picture fallback in headless Chromium: a wall tile showing a simulated H.265
 * camera, in a browser whose Media Source Extensions cannot play H.265 (Debian's Chromium), shows the
 * notice and a JPEG that is replaced as new keyframes come, instead of the video; the player's WebSocket is
 * closed and the camera keeps one connection. Skipped when this Chromium can play H.265 (nothing to fall
 * back from). Screenshot in target/screenshots/live-still-wall.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStillBrowserIT {
    private static final String HEVC_IN_MSE = """
            return !!window.MediaSource && MediaSource.isTypeSupported('video/mp4; codecs="hvc1.1.6.L120.90"');
            """;
    private static final String PICTURE = """
            const img = document.querySelector('[data-testid="live-still"]');
            return img && img.complete && img.naturalWidth > 0 ? img.src + ' ' + img.naturalWidth : '';
            """;

    @TempDir
    static Path data;

    @AutoClose
    private TestServer server;

    @BeforeAll
    void start() throws Exception {
        server = TestServer.start(data, Map.of("camera-events.enabled", "false", "recorder.fsync", "false"),
                SimConfig.builder(1).h265Every(1).eventLoopThreads(1).build());
    }

    @Test
    void aWallTileShowsStillPicturesOfAnH265CameraWithANotice() throws Exception {
        SimulatedCamera cam = server.fleet().cameras().get(0);
        server.createCamera(server.login("technician"), "still-web", cam);
        assertEquals(200, server.api().send("PUT", "/api/me/wall", server.login("operator"),
                "{\"layout\":1,\"tiles\":[\"still-web\"]}").statusCode());
        try (Browser browser = Browser.start()) {
            browser.open("http://127.0.0.1:" + server.app().port() + "/");
            browser.submitLogin("operator", "operator");
            browser.byTestId("main-nav");
            Assumptions.assumeFalse((Boolean) browser.driver().executeScript(HEVC_IN_MSE),
                    "this Chromium plays H.265 in Media Source Extensions: no fallback to test");
            browser.open("http://127.0.0.1:" + server.app().port() + "/#/wall");
            try {
                WebElement notice = browser.byTestId("live-still-notice");
                assertEquals("H.265 is not supported by this browser — showing a still picture every 1 s",
                        notice.getText());
                browser.waitUntil("a picture is shown", () -> !picture(browser).isEmpty());
                String first = picture(browser);
                assertTrue(Integer.parseInt(first.split(" ")[1]) > 0, first);
                browser.waitUntil("the picture is replaced by a newer one", () -> {
                    String now = picture(browser);
                    return !now.isEmpty() && !now.split(" ")[0].equals(first.split(" ")[0]);
                });
                assertEquals("Still pictures", browser.byTestId("wall-tile-state").getText());
                assertFalse(browser.byTestId("live-still").getAttribute("data-picture-time").isEmpty());
                assertEquals(Boolean.TRUE, browser.driver().executeScript(
                        "return document.querySelector('[data-testid=\"wall-tile-video\"]').hidden"));
                TestServer.await("the player's WebSocket closed (its live.stop audited)",
                        () -> webSocketViewsEnded() == 1);
                assertEquals(1, cam.openConnections(), "the still pictures use the camera's one connection");
            } finally {
                browser.screenshot("live-still-wall");
            }
        }
    }

    private long webSocketViewsEnded() {
        return new Jdbc(server.app().database()).query("SELECT COUNT(*) FROM audit_log WHERE target = 'still-web'"
                + " AND action = 'live.stop' AND detail LIKE 'from=%'", rs -> rs.getLong(1)).get(0);
    }

    private static String picture(Browser browser) {
        return (String) browser.driver().executeScript(PICTURE);
    }
}
